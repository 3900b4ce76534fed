namespace ActorSync.Odoo.Connection;

/// <summary>A mistake in the Odoo connection settings, with a message for the person who made it.</summary>
public sealed class OdooConfigurationException(string message) : Exception(message);
