using System.Buffers.Text;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace ChainForge.Milestones.Hosting;

/// <summary>
/// The framework's antiforgery, with each request token made once per browser and person instead of
/// once per page. Every signed-in page carries a token (the navbar's sign-out form), and making it
/// decrypted the antiforgery cookie and encrypted a new token each time: about a tenth of a
/// milestone page's first view (benchmarks/LOAD.md). A token made again would be as valid; what
/// making it anew bought was different bytes on every page, so that a secret in a compressed HTTPS
/// response cannot be guessed byte by byte (BREACH). Here the remembered token is handed out masked
/// with fresh random bytes on every page instead (as Rails and Django do), and unmasked before the
/// framework validates what a form or a script sends back. A token as the framework makes it is still accepted.
/// </summary>
public sealed class MaskedAntiforgery(IAntiforgery framework, IOptions<AntiforgeryOptions> options) : IAntiforgery, IDisposable
{
    /// <summary>Browser and person pairs kept at most: a token is about a hundred bytes.</summary>
    public const int Capacity = 10_000;

    private const char Separator = '.';
    private static readonly TimeSpan Unused = TimeSpan.FromMinutes(30);
    private static readonly string[] NamingClaims = ["sub", ClaimTypes.NameIdentifier, ClaimTypes.Upn];

    private readonly MemoryCache _tokens = new(new MemoryCacheOptions { SizeLimit = Capacity });
    private readonly AntiforgeryOptions _options = options.Value;

    public AntiforgeryTokenSet GetAndStoreTokens(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var cookie = httpContext.Request.Cookies[_options.Cookie.Name!];
        if (cookie is not null && Key(cookie, httpContext.User) is { } key && _tokens.TryGetValue(key, out byte[]? token) && token is not null)
        {
            // As the framework does: a response with a token is never stored by a shared cache.
            if (!httpContext.Response.HasStarted)
            {
                httpContext.Response.Headers.CacheControl = "no-cache, no-store";
                httpContext.Response.Headers.Pragma = "no-cache";
            }
            return new AntiforgeryTokenSet(Mask(token), null, _options.FormFieldName, _options.HeaderName);
        }
        // The framework makes one token a request, for the person the request had then: kept under that person only.
        var first = FirstAskInRequest(httpContext);
        var tokens = framework.GetAndStoreTokens(httpContext);
        if (tokens.RequestToken is not { } requestToken)
            return tokens;
        token = Base64Url.DecodeFromChars(requestToken);
        // Its cookie is a new one when the request brought none, or one that no longer decrypts.
        if (first && (tokens.CookieToken ?? cookie) is { } stored && Key(stored, httpContext.User) is { } made)
            _tokens.Set(made, token, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = Unused });
        return new AntiforgeryTokenSet(Mask(token), tokens.CookieToken, tokens.FormFieldName, tokens.HeaderName);
    }

    public AntiforgeryTokenSet GetTokens(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        FirstAskInRequest(httpContext);
        var tokens = framework.GetTokens(httpContext);
        return tokens.RequestToken is { } requestToken
            ? new AntiforgeryTokenSet(Mask(Base64Url.DecodeFromChars(requestToken)), tokens.CookieToken, tokens.FormFieldName, tokens.HeaderName)
            : tokens;
    }

    /// <summary>Whether this is the request's first call to the framework, which makes its token then.</summary>
    private static bool FirstAskInRequest(HttpContext httpContext) => httpContext.Items.TryAdd(typeof(MaskedAntiforgery), true);

    public async Task<bool> IsRequestValidAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var method = httpContext.Request.Method;
        // As the framework: these never change anything, and are not checked.
        if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method))
            return true;
        await UnmaskAsync(httpContext);
        if (await framework.IsRequestValidAsync(httpContext))
            return true;
        Forget(httpContext);
        return false;
    }

    public async Task ValidateRequestAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        await UnmaskAsync(httpContext);
        try
        {
            await framework.ValidateRequestAsync(httpContext);
        }
        catch (AntiforgeryValidationException)
        {
            Forget(httpContext);
            throw;
        }
    }

    public void SetCookieTokenAndHeader(HttpContext httpContext) => framework.SetCookieTokenAndHeader(httpContext);

    public void Dispose() => _tokens.Dispose();

    /// <summary>
    /// After a refused post, the next page asks the framework again: a token kept for a cookie that no
    /// longer decrypts (its key revoked, say) would otherwise be handed out, and refused, until it went unused.
    /// </summary>
    private void Forget(HttpContext httpContext)
    {
        if (httpContext.Request.Cookies[_options.Cookie.Name!] is { } cookie && Key(cookie, httpContext.User) is { } key)
            _tokens.Remove(key);
    }

    /// <summary>
    /// What the framework's token depends on besides the cookie: the person, named as the framework names them
    /// (the first of their <c>sub</c>, name identifier and UPN claims). Null when it would hash every claim instead: such tokens are not kept.
    /// </summary>
    private static string? Key(string cookie, ClaimsPrincipal user)
    {
        var authenticated = false;
        foreach (var identity in user.Identities)
        {
            if (!identity.IsAuthenticated)
                continue;
            authenticated = true;
            // Each type's first claim, taken when it has a value, as the framework takes it.
            foreach (var type in NamingClaims)
            {
                if (identity.FindFirst(claim => string.Equals(claim.Type, type, StringComparison.Ordinal)) is { Value.Length: > 0 } claim)
                    return $"{cookie}\n{claim.Type.Length}:{claim.Type}{claim.Value.Length}:{claim.Value}{claim.Issuer}";
            }
        }
        return authenticated ? null : cookie;
    }

    /// <summary>The token XORed with as many random bytes, both in the URL-safe Base64 the framework's tokens use.</summary>
    public static string Mask(ReadOnlySpan<byte> token)
    {
        var pad = RandomNumberGenerator.GetBytes(token.Length);
        var masked = new byte[token.Length];
        for (var i = 0; i < token.Length; i++)
            masked[i] = (byte)(token[i] ^ pad[i]);
        return $"{Base64Url.EncodeToString(pad)}{Separator}{Base64Url.EncodeToString(masked)}";
    }

    /// <summary>The token a masked one hides; anything else as it came, for the framework to judge.</summary>
    public static string Unmask(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var separator = value.IndexOf(Separator, StringComparison.Ordinal);
        if (separator < 0)
            return value;
        var pad = value.AsSpan(0, separator);
        var masked = value.AsSpan(separator + 1);
        if (!Base64Url.IsValid(pad, out var padLength) || !Base64Url.IsValid(masked, out var length) || padLength != length)
            return value;
        var token = Base64Url.DecodeFromChars(masked);
        var bytes = Base64Url.DecodeFromChars(pad);
        for (var i = 0; i < token.Length; i++)
            token[i] ^= bytes[i];
        return Base64Url.EncodeToString(token);
    }

    /// <summary>
    /// Where the framework looks for the request token (the header first, then the form), the token unmasked.
    /// A form that cannot be read is refused as the framework refuses it, with a 400 and not an error.
    /// </summary>
    private async Task UnmaskAsync(HttpContext httpContext)
    {
        var request = httpContext.Request;
        if (_options.HeaderName is { } header && request.Headers[header] is { Count: > 0 } sent)
        {
            request.Headers[header] = Unmask(sent);
            return;
        }
        if (_options.SuppressReadingTokenFromFormBody || !request.HasFormContentType)
            return;
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync();
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException)
        {
            throw new AntiforgeryValidationException("The form could not be read for its antiforgery token.", exception);
        }
        var posted = form[_options.FormFieldName];
        var unmasked = Unmask(posted);
        if (unmasked == posted)
            return;
        var fields = form.ToDictionary(field => field.Key, field => field.Value, StringComparer.OrdinalIgnoreCase);
        fields[_options.FormFieldName] = unmasked;
        request.Form = new FormCollection(fields, form.Files);
    }

    private static StringValues Unmask(StringValues values)
    {
        if (values.Count == 0)
            return values;
        if (values.Count == 1)
            return Unmask(values[0]!);
        var unmasked = new string?[values.Count];
        for (var i = 0; i < values.Count; i++)
            unmasked[i] = values[i] is { } value ? Unmask(value) : null;
        return new StringValues(unmasked);
    }
}

public static class MaskedAntiforgeryServices
{
    /// <summary>The framework's antiforgery (options as configured elsewhere), behind <see cref="MaskedAntiforgery"/>.</summary>
    public static IServiceCollection AddMaskedAntiforgery(this IServiceCollection services)
    {
        services.AddAntiforgery();
        var framework = services.Last(service => service.ServiceType == typeof(IAntiforgery));
        var type = framework.ImplementationType ?? throw new InvalidOperationException("The framework's antiforgery is registered by its type.");
        return services.Replace(ServiceDescriptor.Singleton<IAntiforgery>(provider =>
            new MaskedAntiforgery((IAntiforgery)ActivatorUtilities.CreateInstance(provider, type), provider.GetRequiredService<IOptions<AntiforgeryOptions>>())));
    }
}
