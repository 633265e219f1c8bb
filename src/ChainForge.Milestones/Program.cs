using ChainForge.Milestones.Accounts;
using ChainForge.Milestones.Api;
using ChainForge.Milestones.Cli;
using ChainForge.Milestones.Data;
using ChainForge.Milestones.Hosting;
using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Pages;
using ChainForge.Milestones.Pages.Milestones.Editors;
using ChainForge.Milestones.Webhooks;
using FluentValidation;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection.Extensions;

if (CommandLine.IsVerb(args))
{
    // `dotnet run --project` starts the app in its project folder; paths typed on the command
    // line mean the folder the user was in, which the shell keeps in PWD. Anywhere else (the
    // installed tool, a process started by another program, whose PWD may be its parent's) the
    // current folder is the user's.
    var current = Directory.GetCurrentDirectory();
    var userDirectory = File.Exists(Path.Combine(current, "ChainForge.Milestones.csproj")) && Environment.GetEnvironmentVariable("PWD") is { } pwd && Directory.Exists(pwd) ? pwd : current;
    return await CommandLine.RunAsync(args, Console.In, Console.Out, Console.Error, current, userDirectory);
}

var builder = WebApplication.CreateBuilder(args);
var database = Database.Settings(builder.Configuration, builder.Environment.ContentRootPath);
builder.Services.AddMilestonesDatabase(database);
builder.Services.AddDataVersionListener(builder.Configuration, database);
builder.Services.AddSharedKeys(builder.Configuration);
builder.Services.AddHealth();
builder.Services.AddTelemetry(builder.Configuration);
builder.Services.AddAccounts();
builder.Services.AddSingleSignOn(builder.Configuration);
builder.Services.AddMilestoneChanges();
builder.Services.AddReverseProxySupport(builder.Configuration);
builder.Services.AddMaskedAntiforgery();
builder.Services.AddSignInLimits();
builder.Services.AddMilestonesApi();
builder.Services.AddWebhooks();
builder.Services.AddRazorPages()
    .AddMvcOptions(options =>
    {
        options.ModelMetadataDetailsProviders.Add(new EmptyStringsStayEmpty());
        // Forms are checked by FluentValidation, explicitly; "" is a valid "not filled in".
        options.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
    });
builder.Services.AddSingleton<Microsoft.AspNetCore.Mvc.ViewFeatures.CookieTempDataProvider>();
builder.Services.Replace(ServiceDescriptor.Singleton<Microsoft.AspNetCore.Mvc.ViewFeatures.ITempDataProvider, TempDataCookie>());
builder.Services.AddSingleton<IValidator<Milestone>, MilestoneValidator>();
builder.Services.AddSingleton<MilestoneHtml>();
builder.Services.AddSingleton<ChainForge.Milestones.Pages.Milestones.MilestonePageReader>();
builder.Services.AddScoped<NavigationCounts>();
builder.Services.AddSingleton<PerDataVersion>();
builder.Services.AddSingleton<ChainForge.Milestones.Pages.Milestones.ImportPreviews>();
var pageCache = new SignedInPageCache(builder.Configuration.GetValue(SignedInPageCache.SizeLimitSetting, SignedInPageCache.DefaultSizeLimitInMegabytes));
builder.Services.AddOutputCache(options =>
{
    options.SizeLimit = pageCache.SizeLimitInBytes;
    options.AddPolicy(SignedInPageCache.PolicyName, pageCache);
});
// A milestone at its size limits (MilestoneLimits) posts about 30,000 fields; the default stops at 1024.
builder.Services.Configure<FormOptions>(options => options.ValueCountLimit = 32 * 1024);

var app = builder.Build();
await Database.MigrateAsync(app.Services);
await Accounts.EnsureRolesAsync(app.Services);
await using (var scope = app.Services.CreateAsyncScope())
{
    if (await FirstRunSetup.SetupCodeAsync(scope.ServiceProvider.GetRequiredService<MilestonesDbContext>()) is { } code)
        FirstRunSetup.LogSetupCode(app.Logger, code);
}

// First: everything after sees the client's address and scheme, not the proxy's.
app.UseForwardedHeaders();
app.UseMiddleware<SecurityHeaders>();
app.UseHealth();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error");
    // Both act only on HTTPS (direct, or forwarded by a known proxy); plain HTTP on localhost stays as it is.
    app.UseHsts();
    app.UseHttpsRedirection();
}
// A status with no body (an unknown milestone's 404) gets a page, keeping its status code.
// The API answers with Problem Details instead, an empty answer (a route it lacks, a query it cannot read) too.
app.UseWhen(context => !context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase),
    pages => pages.UseStatusCodePagesWithReExecute("/status/{0}"));
app.UseWhen(context => context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase),
    api => api.UseStatusCodePages());
app.UseStaticFiles();
app.UseWrittenVersion();
app.UseMiddleware<FirstRunSetup>();
app.UseRouting();
app.Use(MilestonesApi.UnknownAddressAsync);
app.UseRateLimiter();
app.UseAuthentication();
app.UseMiddleware<PasswordChangeRequired>();
app.UseAuthorization();
// After authorization: a kept page is only ever served to someone allowed to see it.
app.UseOutputCache();
app.MapRazorPages();
app.MapMilestonesApi();
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
