namespace ActorSync.Odoo.Connection;

/// <summary>Which of Odoo's external APIs a connection speaks.</summary>
public enum OdooProtocol
{
    /// <summary>Odoo 19+: <c>POST /json/2/&lt;model&gt;/&lt;method&gt;</c>, bearer API key, real HTTP status codes.</summary>
    Json2,

    /// <summary>Odoo 16–18 (and 19 until its removal): <c>POST /jsonrpc</c>, <c>object.execute_kw</c>, errors with HTTP 200.</summary>
    JsonRpc,
}
