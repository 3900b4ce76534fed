using ActorSync.Fhir.Parsing;
using Hl7.Fhir.Model;

namespace ActorSync.Http.Fhir;

/// <summary>The CapabilityStatement of the ingest endpoint: create and update of the types ActorSync maps, batch and transaction, and $import.</summary>
public static class CapabilityStatements
{
    public static CapabilityStatement Ingest() => new()
    {
        Status = PublicationStatus.Active,
        Date = "2026-11-30",
        Kind = CapabilityStatementKind.Instance,
        FhirVersion = FHIRVersion.N4_0_1,
        Format = ["application/fhir+json"],
        Software = new CapabilityStatement.SoftwareComponent { Name = "ActorSync" },
        Rest =
        [
            new CapabilityStatement.RestComponent
            {
                Mode = CapabilityStatement.RestfulCapabilityMode.Server,
                Documentation = "Ingest only: every other resource type is acknowledged and counted, not stored. Authenticate with the source's token (Bearer, or Basic with the source name).",
                Resource = [.. ResourceKinds.Used.Order(StringComparer.Ordinal).Select(type => new CapabilityStatement.ResourceComponent
                {
                    Type = type,
                    Interaction =
                    [
                        new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.Create },
                        new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.Update },
                    ],
                })],
                Interaction =
                [
                    new CapabilityStatement.SystemInteractionComponent { Code = CapabilityStatement.SystemRestfulInteraction.Batch },
                    new CapabilityStatement.SystemInteractionComponent { Code = CapabilityStatement.SystemRestfulInteraction.Transaction },
                ],
                Operation = [new CapabilityStatement.OperationComponent { Name = "import", Definition = "http://hl7.org/fhir/uv/bulkdata/OperationDefinition/import", Documentation = "NDJSON body (application/fhir+ndjson), streamed, or a Bundle of any type (application/fhir+json) taken entry by entry; answers Parameters with the counts" }],
            },
        ],
    };
}
