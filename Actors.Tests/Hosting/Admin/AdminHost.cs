using System.Net;

namespace ActorEcho.Tests.Hosting.Admin;

/// <summary>The Host's admin endpoint as a test reaches it: its address from the Host's own log line, plain GETs.</summary>
internal static class AdminHost
{
    public static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>The endpoint's base address, read from <c>admin: listening on http://127.0.0.1:PORT/</c> (it binds port 0 in tests).</summary>
    public static async Task<Uri> Address(HostProcess host, TimeSpan timeout)
    {
        const string prefix = "admin: listening on ";
        await host.WaitForOutput(prefix, timeout);
        var line = host.StandardOutput.Split('\n').First(l => l.Contains(prefix, StringComparison.Ordinal));
        return new Uri(line[(line.IndexOf(prefix, StringComparison.Ordinal) + prefix.Length)..].Trim());
    }

    public static async Task<(HttpStatusCode Status, string Body)> Get(Uri admin, string path)
    {
        using var response = await Http.GetAsync(new Uri(admin, path));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The value of one series of the Prometheus text, e.g. <c>actorecho_connections_accepted_total{listener="echo"}</c>.</summary>
    public static double Sample(string prometheusText, string series)
    {
        var line = prometheusText.Split('\n').SingleOrDefault(l => l.StartsWith(series + " ", StringComparison.Ordinal))
                   ?? throw new Xunit.Sdk.XunitException($"no series {series} in:\n{prometheusText}");
        return double.Parse(line[(series.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }
}
