using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace ActorEcho.Tls;

/// <summary>What a TLS connection negotiated (Twisted's ISSLTransport), from <see cref="Protocols.ITransport.Tls"/>.</summary>
public interface ITlsInfo
{
    /// <summary>True once the handshake has completed; before that the other members are empty.</summary>
    bool IsHandshakeComplete { get; }

    /// <summary>The TLS version agreed (Tls12 or Tls13).</summary>
    SslProtocols Protocol { get; }

    /// <summary>The ALPN protocol agreed, or "" when none was.</summary>
    string NegotiatedApplicationProtocol { get; }

    /// <summary>The peer's certificate: the server's on a client, the client's on a server that asked for one.</summary>
    X509Certificate2? RemoteCertificate { get; }
}
