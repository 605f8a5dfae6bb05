using JasperFx;
using JasperFx.Events;
using JasperFx.MultiTenancy;
using Marten;
using Marten.Storage;
using SkillsLedger.Domain.Events;
using SkillsLedger.Projections;
using Weasel.Core;

namespace SkillsLedger.Infrastructure;

public static class LedgerStoreConfiguration
{
    public const string Schema = SkillsLedger.Projections.EventStore.MartenTables.Schema;
    public const string DefaultOrganisation = "default";

    public static void Configure(StoreOptions opts, string connectionString)
    {
        opts.Connection(connectionString);
        opts.DatabaseSchemaName = Schema;
        opts.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase, o => LedgerJson.Configure(o));

        // One stream per person ("person:E1") and per catalogue item ("skill:sql"): readable keys for auditors.
        opts.Events.StreamIdentity = StreamIdentity.AsString;
        // Several organisations in one database from the start; the same personId in two of them is two people.
        opts.Events.TenancyStyle = TenancyStyle.Conjoined;
        opts.Policies.AllDocumentsAreMultiTenanted();
        // Rich mode assigns sequences before commit, so the response and the event-id table can name them.
        opts.Events.AppendMode = EventAppendMode.Rich;
        opts.Events.MetadataConfig.CorrelationIdEnabled = true;
        opts.Events.MetadataConfig.UserNameEnabled = true;
        foreach (var type in EventTypes.All) opts.Events.AddEventType(type);

        opts.Storage.ExtendedSchemaObjects.Add(LedgerTables.EventIdTable(Schema));
        opts.Storage.ExtendedSchemaObjects.Add(LedgerTables.IdempotencyTable(Schema));
        opts.Storage.ExtendedSchemaObjects.Add(LedgerTables.ChainTable(Schema));
        opts.Storage.ExtendedSchemaObjects.Add(LedgerTables.ChainHeadTable(Schema));
        opts.Storage.ExtendedSchemaObjects.Add(LedgerTables.ApiKeyTable(Schema));
        opts.Storage.ExtendedSchemaObjects.Add(LedgerTables.AccessLogTable(Schema));
        opts.Storage.ExtendedSchemaObjects.Add(LedgerTables.PersonKeyTable(Schema));
        opts.Storage.ExtendedSchemaObjects.Add(LedgerTables.XapiStatementTable(Schema));
        opts.Storage.ExtendedSchemaObjects.Add(LedgerTables.XapiDocumentTable(Schema));
        opts.Storage.ExtendedSchemaObjects.Add(LedgerTables.XapiAttachmentTable(Schema));
        opts.AddLedgerProjections();
        opts.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
    }
}
