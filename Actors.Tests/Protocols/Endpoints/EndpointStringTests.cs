using System.Net;
using ActorEcho.Protocols.Endpoints;

namespace ActorEcho.Tests.Protocols.Endpoints;

public class EndpointStringTests
{
    [Fact]
    public void Tcp_server_with_a_positional_port_listens_on_every_interface()
    {
        var tcp = Assert.IsType<TcpServerEndpointDescription>(EndpointString.ParseServer("tcp:8080"));

        Assert.Equal(new TcpServerEndpointDescription(EndpointKind.Tcp, 8080, IPAddress.Any, 50), tcp);
    }

    [Fact]
    public void Tcp_server_keywords_set_port_interface_and_backlog()
    {
        var tcp = EndpointString.ParseServer("tcp:port=8080:interface=127.0.0.1:backlog=100");

        Assert.Equal(new TcpServerEndpointDescription(EndpointKind.Tcp, 8080, IPAddress.Loopback, 100), tcp);
    }

    [Fact]
    public void Tcp6_server_interface_with_escaped_colons()
    {
        var tcp = EndpointString.ParseServer(@"tcp6:8080:interface=\:\:1");

        Assert.Equal(new TcpServerEndpointDescription(EndpointKind.Tcp6, 8080, IPAddress.IPv6Loopback, 50), tcp);
    }

    [Fact]
    public void Unix_server_path_mode_and_backlog()
    {
        var unix = EndpointString.ParseServer("unix:/tmp/s.sock:mode=660:backlog=50");

        Assert.Equal(new UnixServerEndpointDescription("/tmp/s.sock", Convert.ToInt32("660", 8), 50, true), unix);
    }

    [Fact]
    public void Tcp_client_keywords_set_host_port_and_timeout()
    {
        var tcp = EndpointString.ParseClient("tcp:host=example.com:port=80:timeout=10");

        Assert.Equal(new TcpClientEndpointDescription(EndpointKind.Tcp, "example.com", 80, TimeSpan.FromSeconds(10), null), tcp);
    }

    [Fact]
    public void Tcp_client_positional_host_and_port()
    {
        var tcp = Assert.IsType<TcpClientEndpointDescription>(EndpointString.ParseClient("tcp:localhost:8080"));

        Assert.Equal(("localhost", 8080, TimeSpan.FromSeconds(30)), (tcp.Host, tcp.Port, tcp.Timeout));
    }

    [Fact]
    public void Tcp_client_lone_positional_is_the_port_when_host_is_a_keyword()
    {
        var tcp = Assert.IsType<TcpClientEndpointDescription>(EndpointString.ParseClient("tcp:80:host=example.com"));

        Assert.Equal(("example.com", 80), (tcp.Host, tcp.Port));
    }

    [Fact]
    public void Unix_client_path_keyword()
    {
        var unix = EndpointString.ParseClient("unix:path=/tmp/s.sock");

        Assert.Equal(new UnixClientEndpointDescription("/tmp/s.sock", TimeSpan.FromSeconds(30), false), unix);
    }

    [Fact]
    public void Backslash_escapes_and_equals_after_the_first_are_literal()
    {
        var arguments = EndpointArguments.Parse(@"a:b:c=d=e:f\:g");

        Assert.Equal(["a", "b", "f:g"], arguments.Positional);
        var keyword = Assert.Single(arguments.Keywords);
        Assert.Equal(("c", "d=e"), (keyword.Key, keyword.Value));
    }

    [Theory]
    [InlineData("quic:443", "unknown endpoint type \"quic\" (expected tcp, tcp6, unix, ssl or tls)")]
    [InlineData("tcp:8080:colour=blue", "unknown keyword \"colour\"")]
    [InlineData("tcp:notaport", "port \"notaport\" is not a number")]
    [InlineData("tcp:65536", "port 65536 is out of range (0-65535)")]
    [InlineData("tcp:99999999999", "out of range")]
    [InlineData("tcp:interface=127.0.0.1", "missing port")]
    [InlineData("tcp", "missing port")]
    [InlineData(@"tcp:8080:interface=\:\:1", "not an IPv4 address")]
    [InlineData("tcp:8080:interface=::1", "interface is given both by position and by keyword")]
    [InlineData("tcp:8080:backlog=-1", "backlog \"-1\" is not a positive whole number")]
    [InlineData("tcp:8080:port=9090", "port is given both by position and by keyword")]
    [InlineData("tcp:8080:port=1:port=2", "keyword \"port\" is given twice")]
    [InlineData("tcp:1:2:3:4", "at most 3 positional values")]
    [InlineData("unix:/tmp/s.sock:mode=999", "not an octal file mode")]
    [InlineData("unix:mode=660", "missing address")]
    [InlineData(@"tcp:80\", "lone backslash")]
    [InlineData("", "it is empty")]
    public void Malformed_server_strings_name_the_string_and_the_problem(string description, string problem)
    {
        var error = Assert.Throws<EndpointStringException>(() => EndpointString.ParseServer(description));

        Assert.Contains(problem, error.Message);
        Assert.Contains($"\"{description}\"", error.Message);
        Assert.Equal(description, error.Description);
    }

    [Theory]
    [InlineData("tcp:example.com", "missing port")]
    [InlineData("tcp:example.com:0", "port 0 is out of range (1-65535)")]
    [InlineData("tcp:port=80", "missing host")]
    [InlineData("tcp:example.com:80:timeout=soon", "timeout \"soon\" is not a positive number of seconds")]
    [InlineData("unix:/tmp/s.sock:mode=660", "unknown keyword \"mode\"")]
    [InlineData("udp:example.com:53", "unknown endpoint type \"udp\"")]
    public void Malformed_client_strings_name_the_string_and_the_problem(string description, string problem)
    {
        var error = Assert.Throws<EndpointStringException>(() => EndpointString.ParseClient(description));

        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void Server_port_zero_asks_for_any_free_port()
    {
        var tcp = Assert.IsType<TcpServerEndpointDescription>(EndpointString.ParseServer("tcp:0"));

        Assert.Equal(0, tcp.Port);
    }
}
