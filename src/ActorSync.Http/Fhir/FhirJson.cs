using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Task = System.Threading.Tasks.Task;
using Microsoft.AspNetCore.Http;

namespace ActorSync.Http.Fhir;

/// <summary>FHIR JSON answers (Hl7.Fhir.R4's serializer, <c>application/fhir+json</c>).</summary>
public static class FhirJson
{
    public const string MediaType = "application/fhir+json";
    private static readonly JsonSerializerOptions Options = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);

    public static IResult Answer(int status, Resource body) => new Answered(status, Serialize(body));

    public static byte[] Serialize(Resource body) => JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), Options);

    public static T Deserialize<T>(byte[] json) where T : Resource => JsonSerializer.Deserialize<T>(json, Options)!;

    private sealed class Answered(int status, byte[] json) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            httpContext.Response.ContentType = MediaType + "; charset=utf-8";
            httpContext.Response.ContentLength = json.Length;
            return httpContext.Response.Body.WriteAsync(json).AsTask();
        }
    }
}
