using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChainForge.Milestones.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ListSortIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Milestones_AssignedTo",
                table: "Milestones");

            migrationBuilder.DropIndex(
                name: "IX_Milestones_LastUpdated",
                table: "Milestones");

            migrationBuilder.DropIndex(
                name: "IX_Milestones_Phase",
                table: "Milestones");

            migrationBuilder.CreateIndex(
                name: "IX_Milestones_AssignedTo_Id",
                table: "Milestones",
                columns: new[] { "AssignedTo", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Milestones_LastUpdated_Id",
                table: "Milestones",
                columns: new[] { "LastUpdated", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Milestones_Phase_Id",
                table: "Milestones",
                columns: new[] { "Phase", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Milestones_Progress_Id",
                table: "Milestones",
                columns: new[] { "Progress", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Milestones_AssignedTo_Id",
                table: "Milestones");

            migrationBuilder.DropIndex(
                name: "IX_Milestones_LastUpdated_Id",
                table: "Milestones");

            migrationBuilder.DropIndex(
                name: "IX_Milestones_Phase_Id",
                table: "Milestones");

            migrationBuilder.DropIndex(
                name: "IX_Milestones_Progress_Id",
                table: "Milestones");

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
        }
    }
}
