using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChainForge.Milestones.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class DataVersionNotifies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            DataVersion.NotifyListeners(migrationBuilder, notify: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            DataVersion.NotifyListeners(migrationBuilder, notify: false);
        }
    }
}
