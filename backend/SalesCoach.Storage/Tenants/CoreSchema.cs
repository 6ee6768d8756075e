using SalesCoach.Storage.Migrations;

namespace SalesCoach.Storage.Tenants;

/// <summary>The core module's migrations, for tools and tests that migrate a store without the host.</summary>
public static class CoreSchema
{
    public static IMigrationSource Source { get; } = new CoreMigrations();
}
