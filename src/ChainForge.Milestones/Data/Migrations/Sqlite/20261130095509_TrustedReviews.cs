using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChainForge.Milestones.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TrustedReviews : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "BusinessHash",
                table: "Revisions",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "TechnicalHash",
                table: "Revisions",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "ChangedParts",
                table: "ReviewDecisions",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "RecordedBy",
                table: "ReviewDecisions",
                type: "TEXT",
                maxLength: 256,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "RevisionNumber",
                table: "ReviewDecisions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ArchivedAt",
                table: "Milestones",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ArchivedBy",
                table: "Milestones",
                type: "TEXT",
                maxLength: 256,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "AuditEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    At = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    MilestoneId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true, collation: "NOCASE"),
                    Account = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Details = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditEvents", x => x.Id);
                });

            // Each approval now covers its review's parts only: ReviewScopes recomputes what
            // each recorded decision covers, from the content it was about, at the next start.
            migrationBuilder.Sql("""UPDATE "ReviewDecisions" SET "ReviewedHash" = '' WHERE "ReviewedMarkdown" <> '';""");
            migrationBuilder.Sql("""UPDATE "ReviewDecisions" SET "RecordedBy" = "Reviewer" WHERE "Source" = 'App';""");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_Action_Id",
                table: "AuditEvents",
                columns: new[] { "Action", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_Actor_Id",
                table: "AuditEvents",
                columns: new[] { "Actor", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_MilestoneId_Id",
                table: "AuditEvents",
                columns: new[] { "MilestoneId", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AuditEvents");

            migrationBuilder.DropColumn(
                name: "BusinessHash",
                table: "Revisions");

            migrationBuilder.DropColumn(
                name: "TechnicalHash",
                table: "Revisions");

            migrationBuilder.DropColumn(
                name: "ChangedParts",
                table: "ReviewDecisions");

            migrationBuilder.DropColumn(
                name: "RecordedBy",
                table: "ReviewDecisions");

            migrationBuilder.DropColumn(
                name: "RevisionNumber",
                table: "ReviewDecisions");

            migrationBuilder.DropColumn(
                name: "ArchivedAt",
                table: "Milestones");

            migrationBuilder.DropColumn(
                name: "ArchivedBy",
                table: "Milestones");
        }
    }
}
