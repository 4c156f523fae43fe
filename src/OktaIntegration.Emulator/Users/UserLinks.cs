using System;
using System.Collections.Generic;
using OktaIntegration.Emulator.Data;

namespace OktaIntegration.Emulator.Users;

/// <summary>
/// The lifecycle _links a single-user GET carries (collections carry only self). Which ones
/// appear depends on the status, so a client can see what Okta would allow next.
/// </summary>
internal static class UserLinks
{
    public static Dictionary<string, object?> WithLifecycleLinks(EmulatedUser user, Uri baseUrl)
    {
        var json = user.ToJson(baseUrl);
        var links = (Dictionary<string, object?>)json["_links"]!;
        void Add(string rel, string path, string method) =>
            links[rel] = new Dictionary<string, object?> { ["href"] = new Uri(baseUrl, $"api/v1/users/{user.Id}/{path}").ToString(), ["method"] = method };
        switch (user.Status)
        {
            case "ACTIVE":
                Add("suspend", "lifecycle/suspend", "POST");
                Add("deactivate", "lifecycle/deactivate", "POST");
                Add("expirePassword", "lifecycle/expire_password", "POST");
                Add("resetPassword", "lifecycle/reset_password", "POST");
                break;
            case "SUSPENDED":
                Add("unsuspend", "lifecycle/unsuspend", "POST");
                Add("deactivate", "lifecycle/deactivate", "POST");
                break;
            case "LOCKED_OUT":
                Add("unlock", "lifecycle/unlock", "POST");
                Add("deactivate", "lifecycle/deactivate", "POST");
                break;
            case "DEPROVISIONED":
                Add("activate", "lifecycle/activate", "POST");
                break;
            default:
                Add("deactivate", "lifecycle/deactivate", "POST");
                break;
        }
        json["transitioningToStatus"] = null;
        return json;
    }
}
