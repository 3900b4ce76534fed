using ActorSync.Odoo.Errors;
using Xunit;

namespace ActorSync.Odoo.Tests;

/// <summary>The names and statuses Odoo 19 answered with (odoo-api.md), classified transient or permanent.</summary>
public sealed class ErrorClassificationTests
{
    [Theory]
    [InlineData("odoo.exceptions.AccessDenied", 200)]
    [InlineData("odoo.exceptions.AccessError", 403)]
    [InlineData("odoo.exceptions.UserError", 422)]
    [InlineData("odoo.exceptions.ValidationError", 200)]
    [InlineData("odoo.exceptions.MissingError", 200)]
    [InlineData("builtins.ValueError", 500)] // an unknown field answers 500 on JSON-2, and is our mistake
    [InlineData("builtins.AttributeError", 200)]
    [InlineData("werkzeug.exceptions.Unauthorized", 401)]
    [InlineData("werkzeug.exceptions.NotFound", 404)]
    [InlineData("werkzeug.exceptions.UnprocessableEntity", 422)]
    [InlineData("psycopg2.errors.InvalidTextRepresentation", 200)]
    public void Odoo_refusals_are_permanent(string name, int status) =>
        Assert.Equal(OdooErrorClass.Permanent, OdooErrorClassifier.Classify(name, status));

    [Theory]
    [InlineData("psycopg2.errors.SerializationFailure", 200)]
    [InlineData("psycopg2.errors.SerializationFailure", 500)]
    [InlineData("psycopg2.errors.DeadlockDetected", 200)]
    [InlineData("odoo.exceptions.ConcurrencyError", 200)]
    [InlineData("odoo.exceptions.LockError", 409)]
    [InlineData("psycopg2.OperationalError", 200)]
    [InlineData("werkzeug.exceptions.TooManyRequests", 429)]
    [InlineData("something.we.never.saw", 502)]
    public void Concurrency_overload_and_outages_are_transient(string name, int status) =>
        Assert.Equal(OdooErrorClass.Transient, OdooErrorClassifier.Classify(name, status));

    [Fact]
    public void An_unknown_database_is_permanent_although_its_exception_is_operational() =>
        Assert.Equal(OdooErrorClass.Permanent, OdooErrorClassifier.Classify("psycopg2.OperationalError", 200, "FATAL:  database \"nosuchdb\" does not exist"));

    [Theory]
    [InlineData(429, OdooErrorClass.Transient)]
    [InlineData(503, OdooErrorClass.Transient)]
    [InlineData(504, OdooErrorClass.Transient)]
    [InlineData(408, OdooErrorClass.Transient)]
    [InlineData(404, OdooErrorClass.Permanent)]
    [InlineData(400, OdooErrorClass.Permanent)]
    public void Answers_without_an_Odoo_error_are_classified_by_status(int status, OdooErrorClass expected) =>
        Assert.Equal(expected, OdooException.FromHttpStatus(status, "proxy page").Class);

    [Theory]
    [InlineData(502, true)]
    [InlineData(504, true)]
    [InlineData(500, true)]
    [InlineData(503, false)]
    [InlineData(429, false)]
    public void A_gateway_error_may_hide_a_commit_but_503_and_429_do_not(int status, bool mayHaveCommitted) =>
        Assert.Equal(mayHaveCommitted, OdooException.FromHttpStatus(status, "proxy page").MayHaveCommitted);

    [Fact]
    public void The_exception_keeps_Odoos_name_and_message()
    {
        var error = OdooException.FromServer("odoo.exceptions.UserError", "The entry is not balanced.", 422);
        Assert.Equal("odoo.exceptions.UserError", error.Name);
        Assert.Equal("The entry is not balanced.", error.OdooMessage);
        Assert.Equal(422, error.HttpStatus);
        Assert.Contains("The entry is not balanced.", error.Message);
    }
}
