using System.Globalization;
using Hl7.Fhir.Model;
using FhirMoney = Hl7.Fhir.Model.Money;

namespace ActorSync.Fhir.Generation;

/// <summary>Builds one site's Bundle for one day from one random stream.</summary>
internal sealed class SiteDayBuilder(GeneratorSite site, DateOnly day, GeneratorOptions options, Random random)
{
    private const string Snomed = "http://snomed.info/sct";
    private const string ActCode = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
    private const string ClaimType = "http://terminology.hl7.org/CodeSystem/claim-type";
    private const string BlueButtonAdjudication = "https://bluebutton.cms.gov/resources/codesystem/adjudication";
    private const string BlueButtonVariables = "https://bluebutton.cms.gov/resources/variables/";
    private const string IdentifierSystem = "urn:actorsync:generator";

    private static readonly string[] GivenNames = ["Ava", "Liam", "Maya", "Noah", "Elena", "Omar", "Grace", "Lucas", "Zoe", "Ethan", "Ines", "Samuel", "Nora", "Felix", "Hana", "Jonas"];
    private static readonly string[] FamilyNames = ["Keller", "Okafor", "Lindqvist", "Moreau", "Tanaka", "Novak", "Alvarez", "Brennan", "Haddad", "Schmidt", "Rossi", "Walsh", "Kowalski", "Nguyen"];

    private static readonly Service[] ExtraServices =
    [
        new(Snomed, "710824005", "Assessment of health and social care needs (procedure)", 380m, 460m),
        new(Snomed, "171207006", "Depression screening (procedure)", 380m, 460m),
        new(Snomed, "430193006", "Medication reconciliation (procedure)", 300m, 600m),
        new("http://hl7.org/fhir/sid/cvx", "140", "Influenza, seasonal, injectable, preservative free", 140.52m, 140.52m),
        new(Snomed, "26604007", "Complete blood count (procedure)", 40m, 120m),
        new(Snomed, "399208008", "Plain chest X-ray (procedure)", 200m, 400m),
        new(Snomed, "703423002", "Combined chemotherapy and radiation therapy (procedure)", 900m, 1800m),
    ];

    private static readonly Service SurgicalProcedure = new(Snomed, "80146002", "Excision of appendix (procedure)", 3000m, 8000m);

    private readonly List<Bundle.EntryComponent> _entries = [];
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);
    private int _duplicates;
    private int _corrections;

    public (Bundle Bundle, IReadOnlyDictionary<string, int> Counts, int Duplicates, int Corrections) Build()
    {
        var currency = Enum.TryParse<FhirMoney.Currencies>(site.Currency, out var c) ? c : FhirMoney.Currencies.USD;
        var dayStart = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        // Master data is the same version every day: as an EHR sends it, last updated when the network was set up.
        var setUp = new DateTimeOffset(options.StartDate.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var organization = AddOrganization(setUp);
        var locations = AddLocations(organization, setUp);
        var targets = Targets(locations);

        var visits = Enumerable.Range(0, options.EncountersPerDay)
            .Select(i => NewVisit(Pick(targets), dayStart, i))
            .OrderBy(v => v.Start).ThenBy(v => v.Index).ToList();
        var patients = Enumerable.Range(0, Math.Max(1, options.EncountersPerDay * 3 / 4)).Select(_ => NewPatient(dayStart)).ToList();
        var emitted = new HashSet<string>(StringComparer.Ordinal);
        var encounters = new List<(Entry Encounter, Entry Claim, ClaimDraft Draft, Visit Visit)>();
        foreach (var visit in visits)
        {
            var patient = patients[random.Next(patients.Count)];
            if (emitted.Add(patient.Url))
                Add(patient.Entry);
            var encounter = Add(NewEncounter(visit, patient, organization));
            var draft = NewClaimDraft(visit);
            var claim = Add(NewClaim(draft, visit, patient, organization, encounter.Url, "1"));
            encounters.Add((encounter, claim, draft, visit));
            AddDeliveries(visit, patient);
        }

        // Corrections: a later version of an encounter (its end) or of a claim (a charge amount),
        // before the payers adjudicate, as an EHR re-sends a resource it changed.
        foreach (var (encounter, claim, draft, visit) in encounters)
        {
            if (random.NextDouble() >= options.Corrections)
                continue;
            if (random.Next(2) == 0)
            {
                var corrected = (Encounter)encounter.Resource.DeepCopy();
                var end = visit.End.AddMinutes(random.Next(5, 20) * (visit.End.TimeOfDay > TimeSpan.FromHours(23) ? -1 : 1));
                corrected.Period = new Period(new FhirDateTime(visit.Start), new FhirDateTime(end));
                corrected.Meta = Meta("2", end);
                Add(new Entry(encounter.Url, corrected, Bundle.HTTPVerb.PUT, $"Encounter/{corrected.Id}"), correction: true);
            }
            else
            {
                var factor = (decimal)(0.8 + (random.NextDouble() * 0.4));
                if (draft.Lines.Count > 0)
                    draft.Lines[^1] = draft.Lines[^1] with { Amount = Round(draft.Lines[^1].Amount * factor) + 1m };
                else
                    draft.EncounterPrice = Round(draft.EncounterPrice * factor) + 1m;
                var original = (Claim)claim.Resource;
                var corrected = NewClaim(draft, visit, null, organization, encounter.Url, "2", original);
                Add(new Entry(claim.Url, corrected.Resource, Bundle.HTTPVerb.PUT, $"Claim/{original.Id}"), correction: true);
            }
        }

        // Most claims are adjudicated the same day; the rest are still open.
        foreach (var (_, claim, draft, visit) in encounters)
            if (random.NextDouble() < 0.85)
                Add(NewExplanationOfBenefit(draft, visit, (Claim)claim.Resource, claim.Url, organization, currency));

        // Exact repeats of what was sent, later in the bundle (at-least-once delivery).
        var latest = _entries.GroupBy(e => e.FullUrl, StringComparer.Ordinal).Select(g => g.Last()).ToList();
        foreach (var entry in latest.Where(e => e.Resource!.TypeName is "Encounter" or "Claim" or "ExplanationOfBenefit" or "SupplyDelivery"))
        {
            if (random.NextDouble() < options.Duplicates)
            {
                _entries.Add(new Bundle.EntryComponent { FullUrl = entry.FullUrl, Resource = entry.Resource, Request = entry.Request });
                Count(entry.Resource!.TypeName);
                _duplicates++;
            }
        }

        var bundle = new Bundle { Type = Bundle.BundleType.Transaction, Entry = _entries };
        return (bundle, new SortedDictionary<string, int>(_counts, StringComparer.Ordinal), _duplicates, _corrections);
    }

    private sealed record Entry(string Url, Resource Resource, Bundle.HTTPVerb Method, string RequestUrl);

    private sealed record Service(string System, string Code, string Display, decimal Min, decimal Max);

    private sealed record OrganizationInfo(string Reference, string Name);

    private sealed record LocationInfo(GeneratorDepartment Department, string Reference);

    private sealed record Target(string Class, GeneratorDepartment? Department, LocationInfo? Location, int Weight, bool Surgical);

    private sealed record Visit(int Index, Target Target, DateTimeOffset Start, DateTimeOffset End, Service Encounter);

    private sealed record PatientInfo(string Url, string Display, Entry Entry);

    private sealed record ClaimLine(Service Service, decimal Amount);

    private sealed class ClaimDraft(string payer, decimal encounterPrice, List<ClaimLine> lines)
    {
        public string Payer { get; } = payer;
        public decimal EncounterPrice { get; set; } = encounterPrice;
        public List<ClaimLine> Lines { get; } = lines;
        public decimal Billed => EncounterPrice + Lines.Sum(l => l.Amount);
    }

    private Entry Add(Entry entry, bool correction = false)
    {
        _entries.Add(new Bundle.EntryComponent
        {
            FullUrl = entry.Url,
            Resource = entry.Resource,
            Request = new Bundle.RequestComponent { Method = entry.Method, Url = entry.RequestUrl },
        });
        Count(entry.Resource.TypeName);
        if (correction)
            _corrections++;
        return entry;
    }

    private void Count(string type) => _counts[type] = _counts.GetValueOrDefault(type) + 1;

    private string NewId()
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes).ToString("D");
    }

    private static Meta Meta(string version, DateTimeOffset at) => new() { VersionId = version, LastUpdated = at };

    private static decimal Round(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    private decimal Price(decimal min, decimal max) => Round(min + ((max - min) * (decimal)random.NextDouble()));

    private OrganizationInfo AddOrganization(DateTimeOffset at)
    {
        var literal = site.Organizations.FirstOrDefault(o => o.StartsWith("Organization/", StringComparison.Ordinal));
        var identifiers = site.Organizations.Where(o => o.Contains('|', StringComparison.Ordinal)).ToList();
        var id = literal?["Organization/".Length..] ?? site.Id;
        var organization = new Organization
        {
            Id = id,
            Meta = Meta("1", at),
            Active = true,
            Name = site.Name,
            Type = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/organization-type", "prov", "Healthcare Provider", "Healthcare Provider")],
        };
        foreach (var identifier in identifiers)
        {
            var bar = identifier.IndexOf('|', StringComparison.Ordinal);
            organization.Identifier.Add(new Identifier(identifier[..bar], identifier[(bar + 1)..]));
        }
        Add(new Entry($"urn:uuid:{NewId()}", organization, Bundle.HTTPVerb.PUT, $"Organization/{id}"));
        var reference = literal ?? (identifiers.Count > 0 ? $"Organization?identifier={identifiers[0]}" : $"Organization/{id}");
        return new OrganizationInfo(reference, site.Name);
    }

    private List<LocationInfo> AddLocations(OrganizationInfo organization, DateTimeOffset at)
    {
        var result = new List<LocationInfo>();
        foreach (var department in site.Departments)
        {
            if (department.Locations.Count == 0)
                continue;
            var configured = department.Locations[0];
            var literal = configured.StartsWith("Location/", StringComparison.Ordinal);
            var id = literal ? configured["Location/".Length..] : $"{site.Id}-{department.Id}";
            var location = new Location
            {
                Id = id,
                Meta = Meta("1", at),
                Status = Location.LocationStatus.Active,
                Name = $"{site.Name} {department.Name}",
                ManagingOrganization = new ResourceReference(organization.Reference, organization.Name),
            };
            if (!literal && configured.IndexOf('|', StringComparison.Ordinal) is var bar and > 0)
                location.Identifier.Add(new Identifier(configured[..bar], configured[(bar + 1)..]));
            Add(new Entry($"urn:uuid:{NewId()}", location, Bundle.HTTPVerb.PUT, $"Location/{id}"));
            result.Add(new LocationInfo(department, literal ? configured : $"Location?identifier={configured}"));
        }
        return result;
    }

    /// <summary>Where encounters go: each routed class to its department, and location-only departments (surgery) by location.</summary>
    private List<Target> Targets(List<LocationInfo> locations)
    {
        var targets = new List<Target>();
        foreach (var department in site.Departments)
        {
            var location = locations.FirstOrDefault(l => l.Department == department);
            foreach (var cls in department.EncounterClasses)
                targets.Add(new Target(cls, department, location, Weight(cls), Surgical: false));
            if (department.EncounterClasses.Count == 0 && location is not null)
                targets.Add(new Target("AMB", department, location, 2, Surgical: true));
        }
        return targets.Count > 0 ? targets : [new Target("AMB", null, null, 1, Surgical: false)];
    }

    private static int Weight(string cls) => cls.ToUpperInvariant() switch
    {
        "AMB" => 6,
        "EMER" => 3,
        "IMP" => 2,
        "VR" => 1,
        "ACUTE" => 1,
        _ => 1,
    };

    private Target Pick(List<Target> targets)
    {
        var roll = random.Next(targets.Sum(t => t.Weight));
        foreach (var target in targets)
        {
            if (roll < target.Weight)
                return target;
            roll -= target.Weight;
        }
        return targets[^1];
    }

    private Visit NewVisit(Target target, DateTimeOffset dayStart, int index)
    {
        var (firstHour, lastHour, minMinutes, maxMinutes, service) = target switch
        {
            { Surgical: true } => (7, 14, 60, 240, new Service(Snomed, "305408004", "Admission to surgical department (procedure)", 1500m, 6000m)),
            _ => target.Class.ToUpperInvariant() switch
            {
                "EMER" => (0, 20, 60, 240, new Service(Snomed, "50849002", "Emergency room admission (procedure)", 500m, 2500m)),
                "IMP" or "ACUTE" => (6, 10, 360, 720, new Service(Snomed, "32485007", "Hospital admission (procedure)", 3000m, 15000m)),
                "VR" => (8, 18, 10, 30, new Service(Snomed, "448337001", "Telemedicine consultation with patient (procedure)", 50m, 120m)),
                _ => (8, 17, 15, 60, random.Next(2) == 0
                    ? new Service(Snomed, "185349003", "Encounter for check up (procedure)", 100m, 200m)
                    : new Service(Snomed, "185345009", "Encounter for symptom (procedure)", 70m, 150m)),
            },
        };
        var start = dayStart.AddMinutes((firstHour * 60) + random.Next((lastHour - firstHour) * 60));
        var end = start.AddMinutes(random.Next(minMinutes, maxMinutes + 1));
        var lastMinute = dayStart.AddMinutes((24 * 60) - 1);
        return new Visit(index, target, start, end > lastMinute ? lastMinute : end, service);
    }

    private PatientInfo NewPatient(DateTimeOffset at)
    {
        var id = NewId();
        var given = GivenNames[random.Next(GivenNames.Length)];
        var family = FamilyNames[random.Next(FamilyNames.Length)];
        var birth = new DateOnly(1935, 1, 1).AddDays(random.Next(365 * 88));
        var patient = new Patient
        {
            Id = id,
            Meta = Meta("1", at),
            Identifier =
            [
                new Identifier(IdentifierSystem, id),
                new Identifier("http://hospital.smarthealthit.org", $"MRN-{random.Next(100000, 999999)}")
                {
                    Type = new CodeableConcept("http://terminology.hl7.org/CodeSystem/v2-0203", "MR", "Medical Record Number", "Medical Record Number"),
                },
            ],
            Name = [new HumanName { Use = HumanName.NameUse.Official, Family = family, Given = [given] }],
            Gender = random.Next(2) == 0 ? AdministrativeGender.Female : AdministrativeGender.Male,
            BirthDate = birth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
        var url = $"urn:uuid:{id}";
        return new PatientInfo(url, $"{given} {family}", new Entry(url, patient, Bundle.HTTPVerb.POST, "Patient"));
    }

    private Entry NewEncounter(Visit visit, PatientInfo patient, OrganizationInfo organization)
    {
        var id = NewId();
        var encounter = new Encounter
        {
            Id = id,
            Meta = Meta("1", visit.End),
            Identifier = [new Identifier(IdentifierSystem, id) { Use = Identifier.IdentifierUse.Official }],
            Status = Encounter.EncounterStatus.Finished,
            Class = new Coding(ActCode, visit.Target.Class),
            Type = [Concept(visit.Encounter)],
            Subject = new ResourceReference(patient.Url, patient.Display),
            Period = new Period(new FhirDateTime(visit.Start), new FhirDateTime(visit.End)),
            ServiceProvider = new ResourceReference(organization.Reference, organization.Name),
        };
        if (visit.Target.Location is { } location)
            encounter.Location.Add(new Encounter.LocationComponent { Location = new ResourceReference(location.Reference, location.Department.Name) });
        return new Entry($"urn:uuid:{id}", encounter, Bundle.HTTPVerb.POST, "Encounter");
    }

    private ClaimDraft NewClaimDraft(Visit visit)
    {
        var lines = new List<ClaimLine>();
        if (visit.Target.Surgical)
            lines.Add(new ClaimLine(SurgicalProcedure, Price(SurgicalProcedure.Min, SurgicalProcedure.Max)));
        var extra = random.Next(0, 3);
        for (var i = 0; i < extra; i++)
        {
            var service = ExtraServices[random.Next(ExtraServices.Length)];
            lines.Add(new ClaimLine(service, Price(service.Min, service.Max)));
        }
        return new ClaimDraft(PickPayer(), Price(visit.Encounter.Min, visit.Encounter.Max), lines);
    }

    private string PickPayer()
    {
        var roll = random.Next(options.Payers.Sum(p => p.Weight));
        foreach (var payer in options.Payers)
        {
            if (roll < payer.Weight)
                return payer.Name;
            roll -= payer.Weight;
        }
        return options.Payers[^1].Name;
    }

    /// <summary>Synthea's shape: the first item is the encounter (unpriced), the others priced with <c>net</c>; <c>total</c> is the encounter's own price.</summary>
    private Entry NewClaim(ClaimDraft draft, Visit visit, PatientInfo? patient, OrganizationInfo organization, string encounterUrl, string version, Claim? previous = null)
    {
        var id = previous?.Id ?? NewId();
        var currency = previous?.Total?.Currency ?? (Enum.TryParse<FhirMoney.Currencies>(site.Currency, out var c) ? c : FhirMoney.Currencies.USD);
        var claim = new Claim
        {
            Id = id,
            Meta = Meta(version, version == "1" ? visit.End : visit.End.AddMinutes(30)),
            Status = FinancialResourceStatusCodes.Active,
            Type = new CodeableConcept(ClaimType, "institutional"),
            Use = ClaimUseCode.Claim,
            Patient = previous?.Patient ?? new ResourceReference(patient!.Url, patient.Display),
            BillablePeriod = new Period(new FhirDateTime(visit.Start), new FhirDateTime(visit.End)),
            CreatedElement = new FhirDateTime(visit.End),
            Provider = new ResourceReference(organization.Reference, organization.Name),
            Priority = new CodeableConcept("http://terminology.hl7.org/CodeSystem/processpriority", "normal"),
            Insurance = [new Claim.InsuranceComponent { Sequence = 1, Focal = true, Coverage = new ResourceReference { Display = draft.Payer } }],
            Total = new FhirMoney { Value = draft.EncounterPrice, Currency = currency },
        };
        if (visit.Target.Location is { } location)
            claim.Facility = new ResourceReference(location.Reference, location.Department.Name);
        claim.Item.Add(new Claim.ItemComponent
        {
            Sequence = 1,
            ProductOrService = Concept(visit.Encounter),
            Encounter = [new ResourceReference(encounterUrl)],
        });
        var sequence = 2;
        foreach (var line in draft.Lines)
        {
            claim.Item.Add(new Claim.ItemComponent
            {
                Sequence = sequence++,
                ProductOrService = Concept(line.Service),
                Net = new FhirMoney { Value = line.Amount, Currency = currency },
            });
        }
        return new Entry(previous is null ? $"urn:uuid:{id}" : "", claim, Bundle.HTTPVerb.POST, "Claim");
    }

    /// <summary>
    /// The payer's answer, as Synthea writes it: per line the submitted and allowed charge, the
    /// provider payment and the patient's coinsurance (bluebutton codes); the payment is what the
    /// payer pays, never more than was billed. Allowed below submitted is a contractual allowance.
    /// </summary>
    private Entry NewExplanationOfBenefit(ClaimDraft draft, Visit visit, Claim claim, string claimUrl, OrganizationInfo organization, FhirMoney.Currencies currency)
    {
        var id = NewId();
        var insured = draft.Payer != "NO_INSURANCE";
        var (low, high) = draft.Payer switch
        {
            "Medicare" => (0.55, 0.9),
            "Medicaid" => (0.5, 0.8),
            _ => (0.75, 1.0),
        };
        var eob = new ExplanationOfBenefit
        {
            Id = id,
            Meta = Meta("1", visit.End.AddHours(1)),
            Identifier = [new Identifier($"{BlueButtonVariables}clm_id", claim.Id)],
            Status = ExplanationOfBenefit.ExplanationOfBenefitStatus.Active,
            Type = new CodeableConcept(ClaimType, "institutional"),
            Use = ClaimUseCode.Claim,
            Patient = claim.Patient,
            BillablePeriod = new Period(new FhirDateTime(visit.Start), new FhirDateTime(visit.End)),
            CreatedElement = new FhirDateTime(visit.End),
            Insurer = new ResourceReference { Display = draft.Payer },
            Provider = new ResourceReference(organization.Reference, organization.Name),
            Claim = new ResourceReference(claimUrl),
            Outcome = ClaimProcessingCodes.Complete,
            Insurance = [new ExplanationOfBenefit.InsuranceComponent { Focal = true, Coverage = new ResourceReference { Display = draft.Payer } }],
        };
        var lines = new List<(Service Service, decimal Submitted, bool Encounter)> { (visit.Encounter, draft.EncounterPrice, true) };
        lines.AddRange(draft.Lines.Select(l => (l.Service, l.Amount, false)));
        var paid = 0m;
        var sequence = 1;
        foreach (var (service, submitted, isEncounter) in lines)
        {
            var allowed = !insured || random.NextDouble() < 0.3 ? submitted : Round(submitted * (decimal)(low + ((high - low) * random.NextDouble())));
            var payment = insured ? Round(allowed * 0.8m) : 0m;
            paid += payment;
            var item = new ExplanationOfBenefit.ItemComponent
            {
                Sequence = sequence++,
                Category = new CodeableConcept($"{BlueButtonVariables}line_cms_type_srvc_cd", "1", "Medical care", null),
                ProductOrService = Concept(service),
                Serviced = new Period(new FhirDateTime(visit.Start), new FhirDateTime(visit.End)),
                Adjudication =
                [
                    Adjudication("line_coinsrnc_amt", "Line Beneficiary Coinsurance Amount", allowed - payment, currency),
                    Adjudication("line_prvdr_pmt_amt", "Line Provider Payment Amount", payment, currency),
                    Adjudication("line_sbmtd_chrg_amt", "Line Submitted Charge Amount", submitted, currency),
                    Adjudication("line_alowd_chrg_amt", "Line Allowed Charge Amount", allowed, currency),
                    Adjudication("line_bene_ptb_ddctbl_amt", "Line Beneficiary Part B Deductible Amount", 0m, currency),
                ],
            };
            if (isEncounter)
                item.Encounter = [.. claim.Item[0].Encounter.Select(e => new ResourceReference(e.Reference))];
            else
                item.Net = new FhirMoney { Value = submitted, Currency = currency };
            eob.Item.Add(item);
        }
        eob.Total.Add(new ExplanationOfBenefit.TotalComponent
        {
            Category = new CodeableConcept("http://terminology.hl7.org/CodeSystem/adjudication", "submitted", "Submitted Amount", "Submitted Amount"),
            Amount = new FhirMoney { Value = draft.Billed, Currency = currency },
        });
        eob.Payment = new ExplanationOfBenefit.PaymentComponent { Amount = new FhirMoney { Value = paid, Currency = currency } };
        return new Entry($"urn:uuid:{id}", eob, Bundle.HTTPVerb.POST, "ExplanationOfBenefit");
    }

    private static ExplanationOfBenefit.AdjudicationComponent Adjudication(string variable, string display, decimal amount, FhirMoney.Currencies currency) => new()
    {
        Category = new CodeableConcept { Coding = [new Coding(BlueButtonAdjudication, BlueButtonVariables + variable, display)] },
        Amount = new FhirMoney { Value = amount, Currency = currency },
    };

    /// <summary>Supplies used during a share of the encounters (half by default), counted in the product's source unit.</summary>
    private void AddDeliveries(Visit visit, PatientInfo patient)
    {
        if (site.Products.Count == 0 || random.NextDouble() >= options.SupplyUse)
            return;
        var count = random.Next(1, 3);
        for (var i = 0; i < count; i++)
        {
            var product = site.Products[random.Next(site.Products.Count)];
            var quantity = product.Unit.Equals("each", StringComparison.OrdinalIgnoreCase) ? random.Next(1, 11) : random.Next(1, 3);
            var id = NewId();
            var at = visit.Start.AddMinutes(random.Next(Math.Max(1, (int)(visit.End - visit.Start).TotalMinutes)));
            var delivery = new SupplyDelivery
            {
                Id = id,
                Meta = Meta("1", at),
                Status = SupplyDelivery.SupplyDeliveryStatus.Completed,
                Patient = new ResourceReference(patient.Url),
                Type = new CodeableConcept("http://terminology.hl7.org/CodeSystem/supply-item-type", "device", "Device", null),
                SuppliedItem = new SupplyDelivery.SuppliedItemComponent
                {
                    Quantity = new Quantity { Value = quantity, Unit = product.Unit },
                    Item = new CodeableConcept(Snomed, product.Code, product.Display, product.Display),
                },
                Occurrence = new FhirDateTime(at),
            };
            if (visit.Target.Location is { } location)
                delivery.Destination = new ResourceReference(location.Reference, location.Department.Name);
            Add(new Entry($"urn:uuid:{id}", delivery, Bundle.HTTPVerb.POST, "SupplyDelivery"));
        }
    }

    private static CodeableConcept Concept(Service service) => new(service.System, service.Code, service.Display, service.Display);
}
