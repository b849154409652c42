using System.Net;

namespace CrisisCenter.E2E.Hosting;

/// <summary>
/// A partner's webhook endpoint on a free loopback port (<c>http://127.0.0.1:{port}/hooks/</c>): every request goes to
/// the handler, which sets the status code; the response is closed after it. The scenario's partner decides what to
/// answer and what to keep.
/// </summary>
public sealed class LoopbackWebhookEndpoint : IAsyncDisposable
{
    private readonly HttpListener listener = new();
    private readonly Func<HttpListenerContext, Task> handle;
    private readonly Task loop;

    public LoopbackWebhookEndpoint(Func<HttpListenerContext, Task> handle)
    {
        this.handle = handle;
        Url = $"http://127.0.0.1:{FreePort.Next()}/hooks/";
        listener.Prefixes.Add(Url);
        listener.Start();
        loop = Task.Run(ServeAsync);
    }

    public string Url { get; }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            try
            {
                await handle(context);
            }
            finally
            {
                context.Response.Close();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        listener.Stop();
        listener.Close();
        await loop.ContinueWith(_ => { }, TaskScheduler.Default);
    }
}
