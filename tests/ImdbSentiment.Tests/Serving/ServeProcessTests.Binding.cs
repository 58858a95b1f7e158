using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Text;
using ImdbSentiment.Cli.Serving;

namespace ImdbSentiment.Tests.Serving;

/// <summary>Where <c>sentiment serve</c> listens when <c>--urls</c> is not given.</summary>
public sealed partial class ServeProcessTests
{
    [SkippableFact]
    public async Task Should_listen_on_loopback_only_without_urls()
    {
        // Given a server started without --urls
        using var process = Start("serve", "--model", model.ModelPath);
        var stderr = new StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            lock (stderr)
            {
                stderr.AppendLine(e.Data);
            }
        };
        process.BeginErrorReadLine();
        try
        {
            string startup;
            try
            {
                startup = await ReadStartupLineAsync(process);
            }
            catch (InvalidOperationException)
            {
                await process.WaitForExitAsync();
                lock (stderr)
                {
                    Skip.If(stderr.ToString().Contains("address already in use", StringComparison.OrdinalIgnoreCase),
                        $"the default port is taken on this machine: {stderr}");
                }

                throw;
            }

            // Then it says, and does, listen on 127.0.0.1:5080 and nowhere else
            output.WriteLine(startup);
            Assert.StartsWith($"sentiment serve: listening on {SentimentServer.DefaultUrl} with model ", startup);
            using var client = new HttpClient { BaseAddress = new Uri(SentimentServer.DefaultUrl), Timeout = Patience };
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
            var port = new Uri(SentimentServer.DefaultUrl).Port;
            foreach (var address in NonLoopbackAddresses())
            {
                using var tcp = new TcpClient();
                using var timeout = new CancellationTokenSource(Patience);
                await Assert.ThrowsAnyAsync<SocketException>(() => tcp.ConnectAsync(address, port, timeout.Token).AsTask());
                output.WriteLine($"{address}:{port} refused");
            }
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
    }

    private static IEnumerable<IPAddress> NonLoopbackAddresses() => NetworkInterface.GetAllNetworkInterfaces()
        .Where(network => network.OperationalStatus == OperationalStatus.Up)
        .SelectMany(network => network.GetIPProperties().UnicastAddresses)
        .Select(unicast => unicast.Address)
        .Where(address => address.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(address));
}
