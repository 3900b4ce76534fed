using ActorSync.Odoo.Connection;
using Xunit;

namespace ActorSync.Odoo.Tests;

public sealed class SecretTests
{
    [Fact]
    public void A_secret_names_where_it_came_from_and_never_its_value()
    {
        var variable = "ACTORSYNC_TEST_SECRET_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, "s3cr3t-api-key-value");
        try
        {
            var secret = OdooSecret.FromEnvironment(variable);
            Assert.DoesNotContain("s3cr3t", secret.ToString());
            Assert.Contains(variable, secret.ToString());
            var settings = new OdooConnectionSettings { Url = new Uri("http://127.0.0.1:1/"), Database = "db", Login = "api", ApiKey = secret };
            Assert.DoesNotContain("s3cr3t", settings.ToString());
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public void A_missing_variable_or_file_is_a_configuration_error_that_names_it()
    {
        var missing = Assert.Throws<OdooConfigurationException>(() => OdooSecret.FromEnvironment("ACTORSYNC_TEST_NOT_SET_" + Guid.NewGuid().ToString("N")));
        Assert.Contains("is not set", missing.Message);
        var file = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"));
        Assert.Contains(file, Assert.Throws<OdooConfigurationException>(() => OdooSecret.FromFile(file)).Message);
    }

    [Fact]
    public void A_key_file_is_read_trimmed()
    {
        var file = Path.GetTempFileName();
        File.WriteAllText(file, "key-from-file\n");
        try
        {
            var secret = OdooSecret.FromFile(file);
            Assert.Equal("key-from-file", secret.Reveal());
            Assert.Contains(file, secret.Origin);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
