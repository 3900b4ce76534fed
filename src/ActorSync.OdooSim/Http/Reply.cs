using System.Text;
using System.Text.Json.Nodes;

namespace ActorSync.OdooSim.Http;

/// <summary>An HTTP answer, built in full before anything is sent (so a dropped answer sends nothing).</summary>
internal sealed record Reply(int Status, string ContentType, byte[] Body)
{
    public const string Json = "application/json; charset=utf-8";
    public const string Html = "text/html; charset=utf-8";

    public static Reply Of(JsonNode? body, int status = 200) => new(status, Json, PyJson.Serialize(body));
    public static Reply Page(int status, string html) => new(status, Html, Encoding.UTF8.GetBytes(html));

    /// <summary>What a reverse proxy answers when Odoo behind it is down.</summary>
    public static Reply Unavailable() => Page(503,
        "<html>\r\n<head><title>503 Service Temporarily Unavailable</title></head>\r\n<body>\r\n" +
        "<center><h1>503 Service Temporarily Unavailable</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n");

    /// <summary>Odoo's page for a request naming no (or an unknown) database.</summary>
    public static Reply NoDatabase() => Page(404,
        "<!DOCTYPE html>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n" +
        "<p>No database is selected and the requested URL was not found in the server-wide controllers.</p>\n" +
        "<p>Please verify the hostname, <a href=/web/login>login</a> and try again.</p>\n\n" +
        "<!-- Alternatively, use the X-Odoo-Database header. -->\n");

    public static Reply NotFound() => Page(404,
        "<!DOCTYPE html>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n" +
        "<p>The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.</p>\n");
}
