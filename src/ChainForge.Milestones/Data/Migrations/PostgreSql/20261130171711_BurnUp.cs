using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChainForge.Milestones.Data.Migrations.PostgreSql
{
    /// <summary>Each revision's task counts, for the burn-up; those of revisions stored before are computed at start-up (Data/RevisionTaskCounts.cs).</summary>
    public partial class BurnUp : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "TasksAdded",
                table: "Revisions",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "TasksDone",
                table: "Revisions",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "TasksPlanned",
                table: "Revisions",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "TasksRemoved",
                table: "Revisions",
                type: "integer",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "TasksAdded",
                table: "Revisions");

            migrationBuilder.DropColumn(
                name: "TasksDone",
                table: "Revisions");

            migrationBuilder.DropColumn(
                name: "TasksPlanned",
                table: "Revisions");

            migrationBuilder.DropColumn(
                name: "TasksRemoved",
                table: "Revisions");
        }
    }
}
