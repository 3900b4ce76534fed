namespace ActorSync.Domain.Common;

/// <summary>A value that cannot exist in the canonical model (blank id, unknown currency, ...).</summary>
public sealed class DomainException(string message) : Exception(message);
