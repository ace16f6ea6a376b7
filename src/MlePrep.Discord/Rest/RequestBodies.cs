namespace MlePrep.Discord.Rest;

/// <summary>Body of Create Message (SPEC <c>MessageCreateRequest</c>).</summary>
internal sealed record MessageCreateBody(
    string? Content,
    IReadOnlyList<Embed>? Embeds,
    IReadOnlyList<Component>? Components,
    AllowedMentions AllowedMentions,
    int? Flags,
    string? Nonce,
    bool? EnforceNonce,
    IReadOnlyList<AttachmentRequest>? Attachments,
    MessageReference? MessageReference = null);

/// <summary>
/// Body of Edit Message, Edit Original and follow-ups (SPEC <c>MessageEditRequestPartial</c>,
/// <c>IncomingWebhookUpdateRequestPartial</c>, <c>IncomingWebhookRequestPartial</c>): no nonce fields.
/// </summary>
internal sealed record MessageEditBody(
    string? Content,
    IReadOnlyList<Embed>? Embeds,
    IReadOnlyList<Component>? Components,
    AllowedMentions AllowedMentions,
    int? Flags,
    IReadOnlyList<AttachmentRequest>? Attachments);

/// <summary>One element of a bulk overwrite (SPEC <c>ApplicationCommandUpdateRequest</c>): response-only fields left out.</summary>
internal sealed record CommandUpdateBody(
    ulong? Id,
    int? Type,
    string Name,
    string Description,
    IReadOnlyList<ApplicationCommandOption>? Options,
    string? DefaultMemberPermissions,
    IReadOnlyList<int>? Contexts,
    IReadOnlyList<int>? IntegrationTypes);
