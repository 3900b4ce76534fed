namespace ActorSync.Odoo.Connection;

/// <summary>
/// An Odoo API key or password, read from the environment or a file at start. It never appears in
/// <see cref="ToString"/>, logs or exception messages; only the place it came from is named.
/// </summary>
public sealed class OdooSecret
{
    private readonly string _value;

    private OdooSecret(string value, string origin) => (_value, Origin) = (value, origin);

    /// <summary>Where the secret came from, safe to show ("environment variable X", "file Y").</summary>
    public string Origin { get; }

    public static OdooSecret FromEnvironment(string variable)
    {
        var value = Environment.GetEnvironmentVariable(variable);
        return string.IsNullOrWhiteSpace(value)
            ? throw new OdooConfigurationException($"The Odoo API key is read from the environment variable {variable}, which is not set.")
            : new OdooSecret(value.Trim(), $"environment variable {variable}");
    }

    public static OdooSecret FromFile(string path)
    {
        if (!File.Exists(path))
            throw new OdooConfigurationException($"The Odoo API key file {path} does not exist.");
        var value = File.ReadAllText(path).Trim();
        return value.Length == 0
            ? throw new OdooConfigurationException($"The Odoo API key file {path} is empty.")
            : new OdooSecret(value, $"file {path}");
    }

    /// <summary>For tests and the in-process simulator only.</summary>
    public static OdooSecret Of(string value, string origin = "given in code") => new(value, origin);

    internal string Reveal() => _value;

    public override string ToString() => $"(secret from {Origin})";
}
