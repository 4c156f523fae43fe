using System;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using OktaIntegration.Emulator.Data;
using OktaIntegration.Tests.Infrastructure;

namespace OktaIntegration.Tests.Users;

/// <summary>Picks seeded users by status and builds raw clients for emulator-level checks.</summary>
internal static class ResponseTestData
{
    /// <summary>The nth ACTIVE user who is not the token's own admin (users[0]).</summary>
    public static EmulatedUser Active(TestOrg org, int n = 0) => org.Emulator.Org.Users.Skip(1).Where(u => u.Status == "ACTIVE").ElementAt(n);

    public static EmulatedUser WithStatus(TestOrg org, string status, int n = 0) => org.Emulator.Org.Users.Where(u => u.Status == status).ElementAt(n);

    /// <summary>An HttpClient that talks to the emulator directly with the SSWS token, for asserting the emulator's own behaviour.</summary>
    public static HttpClient RawClient(TestOrg org)
    {
        var client = new HttpClient { BaseAddress = org.BaseUrl };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("SSWS", TestOrg.ApiToken);
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }
}
