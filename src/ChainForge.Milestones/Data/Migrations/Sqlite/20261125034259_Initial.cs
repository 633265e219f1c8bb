using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChainForge.Milestones.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Milestones",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false, collation: "NOCASE"),
                    Title = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Phase = table.Column<int>(type: "INTEGER", nullable: true),
                    Priority = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    StoryPoints = table.Column<int>(type: "INTEGER", nullable: true),
                    Weeks = table.Column<decimal>(type: "TEXT", nullable: true),
                    Dependencies = table.Column<string>(type: "TEXT", nullable: false),
                    AssignedTo = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    ProblemStatement = table.Column<string>(type: "TEXT", nullable: false),
                    SolutionOverview = table.Column<string>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    Progress = table.Column<int>(type: "INTEGER", nullable: true),
                    LastUpdated = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Notes = table.Column<string>(type: "TEXT", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false),
                    AcceptanceCriteria = table.Column<string>(type: "TEXT", nullable: false),
                    Checkpoints = table.Column<string>(type: "TEXT", nullable: false),
                    DependencyTracking = table.Column<string>(type: "TEXT", nullable: false),
                    Design = table.Column<string>(type: "TEXT", nullable: false),
                    Documentation = table.Column<string>(type: "TEXT", nullable: false),
                    ExtraSections = table.Column<string>(type: "TEXT", nullable: false),
                    ImplementationPlan = table.Column<string>(type: "TEXT", nullable: false),
                    Metrics = table.Column<string>(type: "TEXT", nullable: false),
                    Requirements = table.Column<string>(type: "TEXT", nullable: false),
                    Review = table.Column<string>(type: "TEXT", nullable: false),
                    Risks = table.Column<string>(type: "TEXT", nullable: false),
                    Testing = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Milestones", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Milestones_AssignedTo",
                table: "Milestones",
                column: "AssignedTo");

            migrationBuilder.CreateIndex(
                name: "IX_Milestones_LastUpdated",
                table: "Milestones",
                column: "LastUpdated");

            migrationBuilder.CreateIndex(
                name: "IX_Milestones_Phase",
                table: "Milestones",
                column: "Phase");

            migrationBuilder.CreateIndex(
                name: "IX_Milestones_Priority",
                table: "Milestones",
                column: "Priority");

            migrationBuilder.CreateIndex(
                name: "IX_Milestones_Status",
                table: "Milestones",
                column: "Status");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Milestones");
        }
    }
}
