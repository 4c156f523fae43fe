using System;
using System.Security.Cryptography;

namespace OktaIntegration.Core.Auth;

/// <summary>
/// A minimal DER reader for private keys. Windows PowerShell 5.1 (.NET Framework) has no
/// ImportFromPem, so the few structures we need are read by hand: PKCS#1 RSAPrivateKey, SEC1
/// ECPrivateKey and the PKCS#8 PrivateKeyInfo wrapping either. Used on every runtime so the
/// same code is tested everywhere.
/// </summary>
internal static class DerKeyReader
{
    private const string RsaOid = "1.2.840.113549.1.1.1";
    private const string EcOid = "1.2.840.10045.2.1";

    internal readonly struct Pkcs8Key
    {
        public Pkcs8Key(RSAParameters? rsa, ECParameters? ec)
        {
            Rsa = rsa;
            Ec = ec;
        }

        public RSAParameters? Rsa { get; }

        public ECParameters? Ec { get; }
    }

    public static Pkcs8Key ReadPkcs8(byte[] der)
    {
        var outer = new Reader(der).ReadSequence();
        outer.ReadInteger(); // version
        var algorithm = outer.ReadSequence();
        var oid = algorithm.ReadOid();
        string? curveOid = null;
        if (oid == EcOid) curveOid = algorithm.ReadOid();
        var inner = outer.ReadOctetString();
        if (oid == RsaOid) return new Pkcs8Key(ReadPkcs1Rsa(inner), null);
        if (oid == EcOid) return new Pkcs8Key(null, ReadSec1Ec(inner, curveOid));
        throw new CryptographicException($"unsupported key algorithm {oid}; use RSA or EC");
    }

    public static RSAParameters ReadPkcs1Rsa(byte[] der)
    {
        var seq = new Reader(der).ReadSequence();
        seq.ReadInteger(); // version
        var n = seq.ReadInteger();
        var e = seq.ReadInteger();
        var d = seq.ReadInteger();
        var p = seq.ReadInteger();
        var q = seq.ReadInteger();
        var dp = seq.ReadInteger();
        var dq = seq.ReadInteger();
        var qi = seq.ReadInteger();
        // .NET wants D/DP/DQ/InverseQ padded to the modulus and prime lengths.
        var half = (n.Length + 1) / 2;
        return new RSAParameters
        {
            Modulus = n,
            Exponent = e,
            D = Pad(d, n.Length),
            P = Pad(p, half),
            Q = Pad(q, half),
            DP = Pad(dp, half),
            DQ = Pad(dq, half),
            InverseQ = Pad(qi, half),
        };
    }

    public static ECParameters ReadSec1Ec(byte[] der, string? curveOidFromPkcs8)
    {
        var seq = new Reader(der).ReadSequence();
        seq.ReadInteger(); // version
        var d = seq.ReadOctetString();
        var curveOid = curveOidFromPkcs8;
        byte[]? publicPoint = null;
        while (seq.HasMore)
        {
            var tag = seq.PeekTag();
            var tagged = seq.ReadTagged();
            if (tag == 0xA0) curveOid = tagged.ReadOid();
            else if (tag == 0xA1) publicPoint = tagged.ReadBitString();
        }
        var curve = curveOid switch
        {
            "1.2.840.10045.3.1.7" => ECCurve.NamedCurves.nistP256,
            "1.3.132.0.34" => ECCurve.NamedCurves.nistP384,
            "1.3.132.0.35" => ECCurve.NamedCurves.nistP521,
            _ => throw new CryptographicException($"unsupported EC curve {curveOid ?? "(none)"}; use P-256, P-384 or P-521"),
        };
        if (publicPoint == null || publicPoint.Length < 3 || publicPoint[0] != 0x04)
            throw new CryptographicException("the EC key holds no uncompressed public point; re-export it with openssl ec -in key.pem -out full.pem");
        var size = (publicPoint.Length - 1) / 2;
        var x = new byte[size];
        var y = new byte[size];
        Buffer.BlockCopy(publicPoint, 1, x, 0, size);
        Buffer.BlockCopy(publicPoint, 1 + size, y, 0, size);
        return new ECParameters { Curve = curve, D = Pad(d, size), Q = new ECPoint { X = x, Y = y } };
    }

    private static byte[] Pad(byte[] value, int length)
    {
        if (value.Length >= length) return value;
        var padded = new byte[length];
        Buffer.BlockCopy(value, 0, padded, length - value.Length, value.Length);
        return padded;
    }

    private sealed class Reader
    {
        private readonly byte[] _data;
        private int _pos;
        private readonly int _end;

        public Reader(byte[] data, int start = 0, int end = -1)
        {
            _data = data;
            _pos = start;
            _end = end < 0 ? data.Length : end;
        }

        public bool HasMore => _pos < _end;

        public byte PeekTag() => _data[_pos];

        public Reader ReadSequence() => ReadContainer(0x30);

        public Reader ReadTagged()
        {
            var (start, length) = Header(_data[_pos]);
            _pos = start + length;
            return new Reader(_data, start, start + length);
        }

        public byte[] ReadInteger()
        {
            var bytes = ReadPrimitive(0x02);
            var skip = 0;
            while (skip < bytes.Length - 1 && bytes[skip] == 0) skip++;
            return skip == 0 ? bytes : Slice(bytes, skip);
        }

        public byte[] ReadOctetString() => ReadPrimitive(0x04);

        public byte[] ReadBitString() => Slice(ReadPrimitive(0x03), 1); // first byte: unused bits

        public string ReadOid()
        {
            var bytes = ReadPrimitive(0x06);
            var parts = new System.Collections.Generic.List<string> { (bytes[0] / 40).ToString(), (bytes[0] % 40).ToString() };
            long value = 0;
            for (var i = 1; i < bytes.Length; i++)
            {
                value = (value << 7) | (long)(bytes[i] & 0x7F);
                if ((bytes[i] & 0x80) == 0)
                {
                    parts.Add(value.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    value = 0;
                }
            }
            return string.Join(".", parts);
        }

        private Reader ReadContainer(byte tag)
        {
            var (start, length) = Header(tag);
            _pos = start + length;
            return new Reader(_data, start, start + length);
        }

        private byte[] ReadPrimitive(byte tag)
        {
            var (start, length) = Header(tag);
            _pos = start + length;
            var result = new byte[length];
            Buffer.BlockCopy(_data, start, result, 0, length);
            return result;
        }

        private (int Start, int Length) Header(byte expectedTag)
        {
            if (_pos >= _end || _data[_pos] != expectedTag)
                throw new CryptographicException("the key's DER structure is not what was expected; is this the right file?");
            var pos = _pos + 1;
            int length = _data[pos++];
            if ((length & 0x80) != 0)
            {
                var count = length & 0x7F;
                if (count is 0 or > 4) throw new CryptographicException("unsupported DER length");
                length = 0;
                for (var i = 0; i < count; i++) length = (length << 8) | _data[pos++];
            }
            if (pos + length > _end) throw new CryptographicException("the key's DER data is truncated");
            return (pos, length);
        }

        private static byte[] Slice(byte[] bytes, int skip)
        {
            var result = new byte[bytes.Length - skip];
            Buffer.BlockCopy(bytes, skip, result, 0, result.Length);
            return result;
        }
    }
}
