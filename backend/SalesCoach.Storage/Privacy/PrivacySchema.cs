using SalesCoach.Storage.Migrations;

namespace SalesCoach.Storage.Privacy;

/// <summary>The privacy module's migrations, for tools and tests that migrate a store without the host.</summary>
public static class PrivacySchema
{
    public static IMigrationSource Source { get; } = new PrivacyMigrations();
}
