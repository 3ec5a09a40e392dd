using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ActorEcho.Tls;

/// <summary>Reads the PEM files an endpoint names; every problem names the file and the endpoint keyword it came from.</summary>
internal static class TlsFiles
{
    /// <summary>A certificate with its private key, from <paramref name="certificatePath"/> and <paramref name="keyPath"/> (may be one file).</summary>
    public static X509Certificate2 LoadPair(string certificateKeyword, string certificatePath, string keyKeyword, string keyPath)
    {
        RequireFile(certificateKeyword, certificatePath);
        RequireFile(keyKeyword, keyPath);
        try
        {
            return X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
        }
        catch (Exception exception) when (exception is CryptographicException or ArgumentException)
        {
            // CreateFromPemFile says one of three things (a mismatch as an ArgumentException); which file is at fault decides what the message names.
            if (!HoldsCertificate(certificatePath)) throw new TlsFileException(certificatePath, $"{certificateKeyword} {certificatePath} holds no PEM certificate");
            if (!HoldsPrivateKey(keyPath)) throw new TlsFileException(keyPath, $"{keyKeyword} {keyPath} holds no PEM private key");
            throw new TlsFileException(keyPath,
                $"{keyKeyword} {keyPath} does not match the certificate in {certificateKeyword} {certificatePath} ({exception.Message.TrimEnd('.')})");
        }
    }

    /// <summary>Every certificate in a PEM file, or in the PEM files (<c>*.pem</c>, <c>*.crt</c>, <c>*.cer</c>) of a directory.</summary>
    public static X509Certificate2Collection LoadCertificates(string keyword, string path)
    {
        var certificates = new X509Certificate2Collection();
        if (Directory.Exists(path))
        {
            foreach (var file in Directory.EnumerateFiles(path).Where(IsPemName).Order(StringComparer.Ordinal)) Import(certificates, keyword, file);
        }
        else
        {
            RequireFile(keyword, path);
            Import(certificates, keyword, path);
        }

        return certificates.Count > 0 ? certificates : throw new TlsFileException(path, $"{keyword} {path} holds no PEM certificate");
    }

    /// <summary>When the files were last written, to notice a renewal.</summary>
    public static FileStamp Stamp(string path)
    {
        var info = new FileInfo(path);
        return info.Exists ? new FileStamp(info.LastWriteTimeUtc, info.Length) : default;
    }

    private static void Import(X509Certificate2Collection into, string keyword, string file)
    {
        try
        {
            into.ImportFromPemFile(file);
        }
        catch (CryptographicException exception)
        {
            throw new TlsFileException(file, $"{keyword} {file} is not a readable PEM certificate file ({exception.Message.TrimEnd('.')})");
        }
    }

    private static bool IsPemName(string file) =>
        file.EndsWith(".pem", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".crt", StringComparison.OrdinalIgnoreCase) ||
        file.EndsWith(".cer", StringComparison.OrdinalIgnoreCase);

    private static void RequireFile(string keyword, string path)
    {
        if (!File.Exists(path)) throw new TlsFileException(path, $"{keyword} {path} does not exist (paths are relative to {Environment.CurrentDirectory})");
    }

    private static bool HoldsCertificate(string path) => File.ReadAllText(path).Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal);

    private static bool HoldsPrivateKey(string path) => File.ReadAllText(path).Contains("PRIVATE KEY-----", StringComparison.Ordinal);
}

/// <summary>A file's last write time and length: a change in either is a new file.</summary>
internal readonly record struct FileStamp(DateTime WrittenUtc, long Length);

/// <summary>A certificate or key file named by an endpoint is missing, unreadable, or does not fit its pair.</summary>
public sealed class TlsFileException(string path, string message) : Exception(message)
{
    /// <summary>The file at fault.</summary>
    public string FilePath { get; } = path;
}
