using System;
using System.Numerics;
using System.Security.Cryptography;

namespace OktaIntegration.Core.Auth;

/// <summary>
/// Completes an RSA private key given only as n, e and d (RFC 7518 §6.3.2 makes p, q, dp, dq
/// and qi optional), because .NET imports RSA private keys only with all CRT parameters.
/// The primes are found by the standard factoring of n from a known e·d (NIST SP 800-56B,
/// Appendix C): e·d − 1 is a multiple of λ(n), so a random base yields a non-trivial square
/// root of 1 modulo n whose gcd with n is a prime.
/// </summary>
internal static class RsaPrimeRecovery
{
    public static RSAParameters Complete(byte[] modulus, byte[] exponent, byte[] privateExponent)
    {
        var n = ToInteger(modulus);
        var e = ToInteger(exponent);
        var d = ToInteger(privateExponent);
        if (n <= 3 || e <= 1 || d <= 1) throw new CryptographicException("the RSA key's n, e or d is not a valid number");

        var k = e * d - 1;
        var t = 0;
        var r = k;
        while (r.IsEven)
        {
            r >>= 1;
            t++;
        }
        if (t == 0) throw new CryptographicException("the RSA key's d does not belong to its n and e");

        // Bases 2, 3, 5... each find the factors with probability at least 1/2; 100 tries leave no practical chance of failure for a valid key.
        for (var g = new BigInteger(2); g < 202; g++)
        {
            var y = BigInteger.ModPow(g, r, n);
            if (y.IsOne || y == n - 1) continue;
            for (var i = 0; i < t; i++)
            {
                var x = BigInteger.ModPow(y, 2, n);
                if (x.IsOne)
                {
                    var p = BigInteger.GreatestCommonDivisor(y - 1, n);
                    var q = n / p;
                    if (p > q) (p, q) = (q, p);
                    return Build(n, e, d, q, p, modulus.Length);
                }
                if (x == n - 1) break;
                y = x;
            }
        }
        throw new CryptographicException("the RSA key's d does not belong to its n and e");
    }

    private static RSAParameters Build(BigInteger n, BigInteger e, BigInteger d, BigInteger p, BigInteger q, int modulusLength)
    {
        var half = (modulusLength + 1) / 2;
        return new RSAParameters
        {
            Modulus = ToBytes(n, modulusLength),
            Exponent = ToBytes(e, 0),
            D = ToBytes(d, modulusLength),
            P = ToBytes(p, half),
            Q = ToBytes(q, half),
            DP = ToBytes(d % (p - 1), half),
            DQ = ToBytes(d % (q - 1), half),
            InverseQ = ToBytes(ModInverse(q, p), half),
        };
    }

    private static BigInteger ModInverse(BigInteger a, BigInteger m)
    {
        BigInteger oldR = a % m, r = m, oldS = 1, s = 0;
        while (!r.IsZero)
        {
            var quotient = oldR / r;
            (oldR, r) = (r, oldR - quotient * r);
            (oldS, s) = (s, oldS - quotient * s);
        }
        if (!oldR.IsOne) throw new CryptographicException("the RSA key's primes are not coprime");
        return (oldS % m + m) % m;
    }

    /// <summary>Big-endian unsigned bytes (as JWKs carry them) to a BigInteger; netstandard2.0 has no isBigEndian overload.</summary>
    private static BigInteger ToInteger(byte[] bigEndian)
    {
        var little = new byte[bigEndian.Length + 1];
        for (var i = 0; i < bigEndian.Length; i++) little[i] = bigEndian[bigEndian.Length - 1 - i];
        return new BigInteger(little);
    }

    /// <summary>Big-endian unsigned bytes, left-padded to <paramref name="length"/> (0: minimal).</summary>
    private static byte[] ToBytes(BigInteger value, int length)
    {
        var little = value.ToByteArray();
        var count = little.Length;
        while (count > 1 && little[count - 1] == 0) count--;
        var size = Math.Max(count, length);
        var result = new byte[size];
        for (var i = 0; i < count; i++) result[size - 1 - i] = little[i];
        return result;
    }
}
