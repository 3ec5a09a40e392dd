using System.Text;

namespace ActorEcho.Protocols.Builtin;

/// <summary>Quote of the day (RFC 865): writes the quote and a CRLF, then closes.</summary>
public sealed class Qotd(string quote) : Protocol
{
    protected internal override void ConnectionMade()
    {
        Transport.Write(Encoding.UTF8.GetBytes(quote + "\r\n"));
        Transport.LoseConnection();
    }
}

/// <summary>Daytime (RFC 867): writes the current time of the connection's clock as one line, then closes.</summary>
public sealed class Daytime : Protocol
{
    protected internal override void ConnectionMade()
    {
        Transport.Write(Encoding.ASCII.GetBytes(Clock.Now.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + "\r\n"));
        Transport.LoseConnection();
    }
}
