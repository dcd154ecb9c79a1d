using System.Globalization;
using System.Text.Json;

namespace Tiering.Rules.Samples.HostApi;

/// <summary>
/// Reads what <c>POST /decisions/{policyId}</c> is given, strictly, answering each mistake with a problem
/// (RFC 7807) that says what is wrong: <c>asOf</c> is an ISO-8601 date (yyyy-mm-dd) and nothing else (01/07/2023 is
/// refused, never read as 7 January), the body is JSON (415 otherwise) of at most <see cref="MaxFactBytes"/> (413) and
/// one object (400).
/// </summary>
internal static class FactRequest
{
    /// <summary>The largest fact accepted: a fact is a few dozen fields, not a batch.</summary>
    public const int MaxFactBytes = 64 * 1024;

    /// <summary>Reads <c>?asOf=</c>: null when absent, or a problem when it is not yyyy-mm-dd.</summary>
    public static IResult? ReadAsOf(HttpRequest request, out DateOnly? asOf)
    {
        asOf = null;
        if (request.Query["asOf"] is not [{ } text])
        {
            return request.Query.ContainsKey("asOf") ? BadRequest("Invalid asOf", "give asOf once, as an ISO-8601 date (yyyy-mm-dd)") : null;
        }

        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return BadRequest("Invalid asOf", $"asOf '{text}' is not an ISO-8601 date (yyyy-mm-dd), for example 2023-07-01");
        }

        asOf = date;
        return null;
    }

    /// <summary>Reads the body as one JSON object, or says why it cannot.</summary>
    public static async Task<(JsonDocument? Fact, IResult? Problem)> ReadFactAsync(HttpRequest request)
    {
        if (!request.HasJsonContentType())
        {
            return (null, Results.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Unsupported media type",
                detail: $"send the fact as a JSON object with Content-Type: application/json (got '{request.ContentType ?? "none"}')"));
        }

        if (request.ContentLength > MaxFactBytes)
        {
            return (null, TooLarge());
        }

        var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            if (buffer.Length + read > MaxFactBytes)
            {
                return (null, TooLarge());
            }

            buffer.Write(chunk, 0, read);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(buffer.ToArray());
        }
        catch (JsonException ex)
        {
            return (null, BadRequest("Invalid JSON", $"the body is not valid JSON: {ex.Message}"));
        }

        if (document.RootElement.ValueKind is not JsonValueKind.Object and var kind)
        {
            document.Dispose();
            return (null, BadRequest("Invalid fact", $"the fact must be a JSON object, not {kind.ToString().ToLowerInvariant()}"));
        }

        return (document, null);
    }

    private static IResult TooLarge() => Results.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "Fact too large",
        detail: $"a fact is at most {MaxFactBytes / 1024} KiB; decide a batch with the tiering CLI (tiering classify) instead");

    private static IResult BadRequest(string title, string detail) =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: title, detail: detail);
}
