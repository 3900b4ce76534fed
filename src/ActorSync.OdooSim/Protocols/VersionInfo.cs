using System.Text.Json.Nodes;

namespace ActorSync.OdooSim.Protocols;

internal static class VersionInfo
{
    /// <summary>common.version and /web/version, as Odoo 19.0 final answers them.</summary>
    public static JsonObject Odoo19() => new()
    {
        ["server_version"] = "19.0",
        ["server_version_info"] = new JsonArray(19, 0, 0, "final", 0, ""),
        ["server_serie"] = "19.0",
        ["protocol_version"] = 1,
    };
}
