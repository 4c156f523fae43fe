using System;
using System.Text;

namespace OktaIntegration.Emulator.Data;

/// <summary>Okta-shaped ids (20 characters, a type prefix such as 00u, 00g, nzo) from a seeded random source.</summary>
public sealed class OktaIds
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private readonly Random _random;
    private readonly object _gate = new();

    public OktaIds(int seed)
    {
        _random = new Random(seed);
    }

    public string Next(string prefix)
    {
        var sb = new StringBuilder(prefix, 20);
        lock (_gate)
        {
            while (sb.Length < 20) sb.Append(Alphabet[_random.Next(Alphabet.Length)]);
        }
        return sb.ToString();
    }
}
