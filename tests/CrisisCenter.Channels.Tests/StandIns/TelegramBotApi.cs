using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CrisisCenter.Channels.Tests.StandIns;

/// <summary>
/// A Telegram Bot API server on loopback, for the methods the adapter uses: <c>POST /bot{token}/sendMessage</c>,
/// <c>/editMessageText</c> and <c>/getMe</c>, with the documented JSON (requests in snake_case, answers
/// <c>{ok:true,result:…}</c> or <c>{ok:false,error_code,description,parameters}</c>). It checks the token, parses
/// HTML parse mode as Telegram does (only its tags, only its named entities, every tag closed, at most 4096
/// characters of text after parsing), keeps the messages per chat, and injects faults queued with <see cref="Fail"/>.
/// </summary>
public sealed class TelegramBotApi : IAsyncDisposable
{
    public const string Token = "123456789:stand-in-secret-token";
    public const int MessageLimit = 4096;
    private const string NotModified = "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message";
    private static readonly HashSet<string> Tags = ["b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre", "tg-spoiler", "span", "blockquote", "tg-emoji"];

    private readonly Lock gate = new();
    private readonly List<Fault> faults = [];
    private readonly List<Chat> chats;
    private readonly Dictionary<long, List<StoredMessage>> messages = [];
    private readonly ConcurrentQueue<(string Method, DateTimeOffset At)> requests = new();
    private LoopbackServer? server;

    private TelegramBotApi(IEnumerable<Chat> chats) => this.chats = [.. chats];

    /// <summary>The Bot API base URL, to configure as the target's ApiBaseUrl.</summary>
    public Uri BaseUrl => server!.Address;

    private int unauthorized;

    public int Unauthorized => unauthorized;
    public int NotModifiedAnswers { get; private set; }
    public int RefusedTexts { get; private set; }

    /// <summary>Every request that passed the token check, in order (faulted ones included).</summary>
    public IReadOnlyList<(string Method, DateTimeOffset At)> Requests => [.. requests];

    public static async Task<TelegramBotApi> StartAsync(params Chat[] chats)
    {
        var api = new TelegramBotApi(chats);
        api.server = await LoopbackServer.StartAsync(app => app.MapPost("/bot{token}/{method}", api.HandleAsync));
        return api;
    }

    public TelegramBotApi Fail(params Fault[] next)
    {
        lock (gate) faults.AddRange(next);
        return this;
    }

    public IReadOnlyList<StoredMessage> MessagesIn(long chatId)
    {
        lock (gate) return messages.TryGetValue(chatId, out var list) ? [.. list] : [];
    }

    private async Task HandleAsync(HttpContext http, string token, string method)
    {
        if (token != Token)
        {
            Interlocked.Increment(ref unauthorized);
            await ErrorAsync(http, 401, "Unauthorized");
            return;
        }

        requests.Enqueue((method, DateTimeOffset.UtcNow));
        JsonObject body;
        try
        {
            body = http.Request.ContentLength == 0 ? [] : (await JsonNode.ParseAsync(http.Request.Body))?.AsObject() ?? [];
        }
        catch (JsonException)
        {
            await ErrorAsync(http, 400, "Bad Request: request body is not JSON");
            return;
        }

        switch (NextFault(method))
        {
            case Fault.Status status:
                await ErrorAsync(http, status.Code, status.Description, status.RetryAfter);
                return;
            case Fault.Reset:
                http.Abort();
                return;
            case Fault.Hang hang:
                if (hang.ProcessFirst) Answer(method, body);
                await Task.Delay(hang.For, http.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                http.Abort();
                return;
        }

        var (code, answer) = Answer(method, body);
        http.Response.StatusCode = code;
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(answer.ToJsonString());
    }

    private Fault? NextFault(string method)
    {
        lock (gate)
        {
            var next = faults.FindIndex(f => f.Method is null || string.Equals(f.Method, method, StringComparison.OrdinalIgnoreCase));
            if (next < 0) return null;
            var fault = faults[next];
            if (fault.After > 0)
            {
                faults[next] = fault with { After = fault.After - 1 };
                return null;
            }

            faults.RemoveAt(next);
            return fault;
        }
    }

    private (int Code, JsonObject Answer) Answer(string method, JsonObject body)
    {
        lock (gate)
        {
            return method.ToLowerInvariant() switch
            {
                "getme" => Ok(new JsonObject { ["id"] = 123456789, ["is_bot"] = true, ["first_name"] = "CrisisCenter", ["username"] = "crisiscenter_standin_bot" }),
                "sendmessage" => SendMessage(body),
                "editmessagetext" => EditMessageText(body),
                _ => Error(404, "Not Found"),
            };
        }
    }

    private (int, JsonObject) SendMessage(JsonObject body)
    {
        if (FindChat(body["chat_id"]) is not { } chat) return Error(400, "Bad Request: chat not found");
        var (html, text, error) = ParseText(body);
        if (error is not null) return Error(400, error);
        var list = messages.TryGetValue(chat.Id, out var existing) ? existing : messages[chat.Id] = [];
        var replyTo = body["reply_parameters"]?["message_id"]?.GetValue<int>() ?? body["reply_to_message_id"]?.GetValue<int>();
        var allowWithout = body["reply_parameters"]?["allow_sending_without_reply"]?.GetValue<bool>() ?? false;
        var replied = replyTo is { } id ? list.FirstOrDefault(m => m.Id == id) : null;
        if (replyTo is not null && replied is null && !allowWithout) return Error(400, "Bad Request: message to be replied not found");
        var message = new StoredMessage(chat, list.Count + 1, DateTimeOffset.UtcNow, replied?.Id) { Html = html!, Text = text! };
        list.Add(message);
        return Ok(Json(message, replied));
    }

    private (int, JsonObject) EditMessageText(JsonObject body)
    {
        if (FindChat(body["chat_id"]) is not { } chat) return Error(400, "Bad Request: chat not found");
        var (html, text, error) = ParseText(body);
        if (error is not null) return Error(400, error);
        var id = body["message_id"]?.GetValue<int>();
        var message = messages.GetValueOrDefault(chat.Id)?.FirstOrDefault(m => m.Id == id);
        if (message is null) return Error(400, "Bad Request: message to edit not found");
        if (message.Html == html)
        {
            NotModifiedAnswers++;
            return Error(400, NotModified);
        }

        message.History.Add(message.Html);
        message.Html = html!;
        message.Text = text!;
        message.EditedAt = DateTimeOffset.UtcNow;
        return Ok(Json(message, null));
    }

    private Chat? FindChat(JsonNode? chatId) => chatId?.GetValueKind() switch
    {
        JsonValueKind.Number => chats.FirstOrDefault(c => c.Id == chatId.GetValue<long>()),
        JsonValueKind.String when chatId.GetValue<string>() is var name => chats.FirstOrDefault(c =>
            (c.Username is not null && string.Equals("@" + c.Username, name, StringComparison.OrdinalIgnoreCase)) || c.Id.ToString(CultureInfo.InvariantCulture) == name),
        _ => null,
    };

    private (string? Html, string? Text, string? Error) ParseText(JsonObject body)
    {
        var raw = body["text"]?.GetValue<string>() ?? "";
        var mode = body["parse_mode"]?.GetValue<string>();
        var (text, error) = string.Equals(mode, "HTML", StringComparison.OrdinalIgnoreCase) ? ParseHtml(raw) : (raw, null);
        text = text?.Trim();
        error ??= string.IsNullOrEmpty(text) ? "Bad Request: message text is empty"
            : text.Length > MessageLimit ? "Bad Request: message is too long"
            : null;
        if (error is not null) RefusedTexts++;
        return (raw, text, error);
    }

    /// <summary>Telegram's HTML mode: its tags only, properly nested; &amp;lt; &amp;gt; &amp;amp; &amp;quot; and numeric
    /// entities only; a bare &lt;, &gt; or &amp; is an error. Returns the text after parsing.</summary>
    public static (string? Text, string? Error) ParseHtml(string html)
    {
        var text = new StringBuilder();
        var open = new Stack<string>();
        for (var i = 0; i < html.Length; i++)
        {
            var c = html[i];
            if (c == '<')
            {
                var end = html.IndexOf('>', i);
                if (end < 0) return (null, $"Bad Request: can't parse entities: Unclosed start tag at byte offset {i}");
                var tag = html[(i + 1)..end];
                var closing = tag.StartsWith('/');
                var name = (closing ? tag[1..] : tag).Split(' ', 2)[0].ToLowerInvariant();
                if (!Tags.Contains(name)) return (null, $"Bad Request: can't parse entities: Unsupported start tag \"{name}\" at byte offset {i}");
                if (closing)
                {
                    if (open.Count == 0 || open.Pop() != name) return (null, $"Bad Request: can't parse entities: Can't find end tag corresponding to start tag \"{name}\"");
                }
                else
                {
                    if (name == "a" && !System.Text.RegularExpressions.Regex.IsMatch(tag, "^a href=\"[^\"<>]+\"$"))
                        return (null, "Bad Request: can't parse entities: bad link tag");
                    open.Push(name);
                }

                i = end;
            }
            else if (c == '&')
            {
                var end = html.IndexOf(';', i);
                var entity = end < 0 ? "" : html[(i + 1)..end];
                var decoded = entity switch
                {
                    "lt" => "<",
                    "gt" => ">",
                    "amp" => "&",
                    "quot" => "\"",
                    _ when entity.StartsWith("#x", StringComparison.Ordinal) && int.TryParse(entity[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var hex) => char.ConvertFromUtf32(hex),
                    _ when entity.StartsWith('#') && int.TryParse(entity[1..], NumberStyles.None, CultureInfo.InvariantCulture, out var dec) => char.ConvertFromUtf32(dec),
                    _ => null,
                };
                if (decoded is null) return (null, $"Bad Request: can't parse entities: Unsupported HTML entity at byte offset {i}");
                text.Append(decoded);
                i = end;
            }
            else if (c == '>')
            {
                return (null, $"Bad Request: can't parse entities: Unexpected end tag at byte offset {i}");
            }
            else
            {
                text.Append(c);
            }
        }

        return open.Count > 0 ? (null, $"Bad Request: can't parse entities: Can't find end tag corresponding to start tag \"{open.Peek()}\"") : (text.ToString(), null);
    }

    private static JsonObject Json(StoredMessage message, StoredMessage? replied)
    {
        var json = new JsonObject
        {
            ["message_id"] = message.Id,
            ["date"] = message.Date.ToUnixTimeSeconds(),
            ["chat"] = ChatJson(message.Chat),
            ["text"] = message.Text,
        };
        if (message.EditedAt is { } edited) json["edit_date"] = edited.ToUnixTimeSeconds();
        if (replied is not null)
            json["reply_to_message"] = new JsonObject { ["message_id"] = replied.Id, ["date"] = replied.Date.ToUnixTimeSeconds(), ["chat"] = ChatJson(replied.Chat), ["text"] = replied.Text };
        return json;
    }

    private static JsonObject ChatJson(Chat chat)
    {
        var json = new JsonObject { ["id"] = chat.Id, ["type"] = chat.Type, ["title"] = chat.Title };
        if (chat.Username is not null) json["username"] = chat.Username;
        return json;
    }

    private static (int, JsonObject) Ok(JsonObject result) => (200, new JsonObject { ["ok"] = true, ["result"] = result });

    private static (int, JsonObject) Error(int code, string description, int? retryAfter = null)
    {
        var json = new JsonObject { ["ok"] = false, ["error_code"] = code, ["description"] = description };
        if (retryAfter is { } seconds) json["parameters"] = new JsonObject { ["retry_after"] = seconds };
        return (code, json);
    }

    private static async Task ErrorAsync(HttpContext http, int code, string description, int? retryAfter = null)
    {
        var (status, json) = Error(code, description, retryAfter);
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(json.ToJsonString());
    }

    public async ValueTask DisposeAsync()
    {
        if (server is not null) await server.DisposeAsync();
    }

    public sealed record Chat(long Id, string Title, string? Username = null, string Type = "channel");

    /// <summary>A message as the chat shows it now; <see cref="History"/> holds the HTML it had before each edit.</summary>
    public sealed record StoredMessage(Chat Chat, int Id, DateTimeOffset Date, int? ReplyTo)
    {
        public required string Html { get; set; }
        public required string Text { get; set; }
        public DateTimeOffset? EditedAt { get; set; }
        public List<string> History { get; } = [];
    }

    /// <summary>Faults apply, in order, to the next request of their method (any method when null), after letting
    /// <see cref="After"/> such requests through.</summary>
    public abstract record Fault(string? Method)
    {
        public int After { get; init; }

        public sealed record Status(int Code, string Description, int? RetryAfter = null, string? Method = null) : Fault(Method);

        public sealed record Reset(string? Method = null) : Fault(Method);

        /// <summary>No answer for <paramref name="For"/> (then the connection drops); with <paramref name="ProcessFirst"/>
        /// the message is posted first, as when Telegram acted but its answer was lost.</summary>
        public sealed record Hang(TimeSpan For, bool ProcessFirst = true, string? Method = null) : Fault(Method);
    }
}
