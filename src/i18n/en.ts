/**
 * English message catalog. Templates are plain text with Slack mrkdwn formatting (`*bold*` and
 * `` `code` ``). The Block Kit builders escape `&`, `<` and `>` after filling the `{placeholder}`
 * params, so templates write `<name>` literally and contain no Slack link or mention markup.
 */
export const en = {
	// Command usage, shown in help and after a command-line error.
	"usage.list": "/registry list [--reason <text>]",
	"usage.show": "/registry show <name|id> [--reason <text>]",
	"usage.create":
		"/registry create <name> [--permission none|readonly] [--domain <fqdn>] [--description <text>] [--reason <text>]",
	"usage.delete": "/registry delete <name|id> [--reason <text>]",
	"usage.user_add":
		"/registry user add <registry> [--user <name>] [--permission readonly|readwrite|all] [--ttl 8h|3d] [--reason <text>]",
	"usage.user_list": "/registry user list <registry> [--reason <text>]",
	"usage.user_delete":
		"/registry user del <registry> --user <name> [--reason <text>]",
	"usage.access":
		"/registry access <registry> [--permission readonly|readwrite|all] [--ttl 8h|3d] [--reason <text>]",
	"usage.mine": "/registry mine",
	"usage.revoke": "/registry revoke <registry> --user <name> [--reason <text>]",
	"usage.user_rotate":
		"/registry user rotate <registry> --user <name> [--reason <text>]",

	// Help.
	"help.fallback": "How to use /registry",
	"help.title": "/registry: SAKURA Cloud Container Registry",
	"help.registries_heading": "*Registries*",
	"help.list": "`{usage}`\nLists the registries of this SAKURA Cloud account.",
	"help.show": "`{usage}`\nShows one registry and its users.",
	"help.create":
		"`{usage}`\nCreates a registry at `<name>.sakuracr.jp`. The access level defaults to `none` (private).",
	"help.delete":
		"`{usage}`\nDeletes a registry with its images and users. Alias: `del`.",
	"help.users_heading": "*Registry users*",
	"help.user_add":
		"`{usage}`\nAdds a user and sends you its password by direct message. `--user` defaults to a name made from your Slack name, and `--permission` defaults to `readonly`. Alias: `create`.",
	"help.user_list":
		"`{usage}`\nLists the users of a registry and their permissions.",
	"help.user_delete":
		"`{usage}`\nDeletes a user, whose password then stops working. Alias: `delete`.",
	"help.user_rotate":
		"`{usage}`\nSets a new password and sends it to you by direct message. The old password stops working.",
	"help.grants_heading": "*Your credentials*",
	"help.access":
		"`{usage}`\nAsks for a registry user of your own, named after your Slack name. Its password comes by direct message, and the bot deletes it at the end of its lifetime: at most 30 days for `readonly`, 7 for `readwrite`, 1 for `all`.",
	"help.mine":
		"`{usage}`\nLists the registry users you own and when each ends.",
	"help.revoke":
		"`{usage}`\nDeletes a registry user the bot issued, before its end. Its owner and its approvers may do this without waiting for approval.",
	"help.notes":
		'Permissions: `readonly` pulls, `readwrite` also pushes, `all` also deletes. Registry names use lowercase letters a-z, digits and hyphens; user names may also contain `.` and `_`. Since 2026 SAKURA accepts only the access level `none` for new registries. Quote values with spaces: `--description "team images"`. Flags also work as `--flag=value`. Every command takes `--reason <text>`, at most 500 characters, which approvers see when the command needs approval.',

	// Command-line errors. Each names the value and the fix.
	"parse.see_help": "Type `/registry help` to see all commands.",
	"parse.usage": "Usage: `{usage}`",
	"parse.too_long":
		"The command is {length} characters long, but the maximum is {max}. Shorten the description or other values.",
	"parse.unbalanced_quote":
		'The quote `{quote}` is not closed. Add the closing quote. Inside double quotes, write `\\"` for a literal `"`.',
	"parse.missing_command":
		"Start with a command: `list`, `show`, `create`, `delete` or `user`.",
	"parse.unknown_command":
		"Unknown command `{command}`. The commands are `list`, `show`, `create`, `delete`, `user`, `access`, `mine`, `revoke` and `audit`.",
	"parse.missing_user_command":
		"`/registry user` needs a command: `add`, `list`, `del` or `rotate`.",
	"parse.unknown_user_command":
		"Unknown command `user {command}`. The user commands are `add`, `list`, `del` and `rotate`.",
	"parse.missing_argument": "`{command}` needs {argument}.",
	"parse.unexpected_argument":
		"`{command}` does not take the argument `{argument}`. Values other than the name go after a flag.",
	"parse.unknown_flag":
		"`{command}` has no flag `{flag}`. Its flags are: {validFlags}.",
	"parse.repeated_flag": "`{flag}` was given more than once. Give it once.",
	"parse.flag_value_missing":
		"`{flag}` needs a value, for example `{flag} {example}`.",
	"parse.missing_required_flag":
		"`{command}` needs `{flag}` with the user name, for example `{flag} alice`.",
	"parse.name_invalid":
		"`{value}` is not a valid registry name. A name becomes the host name `<name>.sakuracr.jp`, so it may contain only lowercase letters a-z, digits and hyphens, and must start and end with a letter or digit.",
	"parse.name_uppercase":
		"`{value}` contains uppercase letters, but registry names are lowercase because they become host names. Try `{suggestion}`.",
	"parse.name_non_ascii":
		"`{value}` contains characters other than a-z, 0-9 and hyphens. Registry names become host names, so only lowercase ASCII letters, digits and hyphens are allowed.",
	"parse.name_full_width":
		"`{value}` contains full-width characters. Registry names allow only half-width lowercase letters, digits and hyphens. Try `{suggestion}`.",
	"parse.name_too_long":
		"The registry name is {length} characters long, but the maximum is {max}, the length of one DNS label.",
	"parse.reference_invalid":
		"`{value}` contains control characters. Give the registry's name or ID.",
	"parse.reference_too_long":
		"The registry name is {length} characters long, but SAKURA Cloud allows at most {max}. Give the registry's name or ID.",
	"parse.username_invalid":
		"`{value}` is not a valid user name. Use lowercase letters a-z, digits, `.`, `_` and `-`, starting with a letter or digit.",
	"parse.username_uppercase":
		"`{value}` contains uppercase letters, but user names are lowercase. Try `{suggestion}`.",
	"parse.username_non_ascii":
		"`{value}` contains characters other than a-z, 0-9, `.`, `_` and `-`. User names allow only lowercase ASCII letters, digits, `.`, `_` and `-`.",
	"parse.username_full_width":
		"`{value}` contains full-width characters. User names allow only half-width lowercase letters, digits, `.`, `_` and `-`. Try `{suggestion}`.",
	"parse.username_too_long":
		"The user name is {length} characters long, but the maximum is {max}.",
	"parse.derived_username_invalid":
		"No user name could be made from your Slack name. Give one with `--user <name>`.",
	"parse.access_level_invalid":
		"`{value}` is not an access level. Use `--permission none` (private, the default): since 2026 SAKURA accepts only `none` for new registries.",
	"parse.access_level_readwrite_removed":
		"SAKURA Cloud removed the `readwrite` access level (anonymous push) in 2026. Leave `--permission` out to create a private registry, then add users with `/registry user add`.",
	"parse.ttl_invalid":
		"`{value}` is not a lifetime. Use a whole number of minutes, hours or days, such as `30m`, `8h` or `3d`.",
	"parse.ttl_too_long":
		"`{value}` is longer than a `{permission}` credential may live. Ask for `{max}` or less.",
	"parse.user_permission_invalid":
		"`{value}` is not a user permission. Use `readonly` (pull, the default), `readwrite` (pull and push) or `all` (also delete).",
	"parse.domain_invalid":
		"`{value}` is not a valid domain name. Give a fully qualified name such as `registry.example.com`, without `https://` and in ASCII (punycode) form.",
	"parse.description_too_long":
		"The description is {length} characters long, but SAKURA Cloud allows at most {max}.",
	"parse.reason_too_long":
		"The reason is {length} characters long, but the maximum is {max}. Shorten it.",

	// Messages shown while an operation runs.
	"working.registry.list": "Listing registries…",
	"working.registry.show": "Looking up registry `{registry}`…",
	"working.registry.create": "Creating registry `{name}`…",
	"working.registry.delete": "Deleting registry `{registry}`…",
	"working.user.add": "Adding user `{username}` to registry `{registry}`…",
	"working.user.list": "Listing the users of registry `{registry}`…",
	"working.user.delete":
		"Deleting user `{username}` from registry `{registry}`…",
	"working.user.rotate":
		"Setting a new password for user `{username}` on registry `{registry}`…",

	// Results.
	"registry.count_one": "1 registry",
	"registry.count_other": "{count} registries",
	"registry.list_empty":
		"This account has no registries yet. Create one with `/registry create <name>`.",
	"registry.list_item":
		"*{name}*  `{fqdn}`\nAccess: {accessLevel} · Created: {created}",
	"registry.list_more":
		"…and {count} more. `/registry show <name>` shows any registry in detail.",
	"registry.field_fqdn": "*Host name*\n`{fqdn}`",
	"registry.field_access_level": "*Access level*\n{accessLevel}",
	"registry.field_virtual_domain": "*Custom domain*\n{virtualDomain}",
	"registry.field_created": "*Created*\n{created}",
	"registry.field_id": "*ID*\n`{id}`",
	"registry.field_description": "*Description*\n{description}",
	"registry.show_fallback": "Registry {name}: {fqdn}",
	"registry.created": "Registry `{name}` created: `{fqdn}`",
	"registry.created_hint":
		"Add a user for `docker login` with `/registry user add {reference}`.",
	"registry.deleted": "Registry `{name}` (`{fqdn}`) was deleted.",
	"value.none": "none",
	"value.not_reported": "not reported",
	"value.empty_message": "(no message)",
	"value.unknown": "unknown",

	"user.heading": "*Users of `{registry}`* ({count})",
	"user.item": "• `{username}`: {permission}",
	"user.more":
		"…and {count} more. `/registry user list {reference}` lists them all.",
	"user.none":
		"`{registry}` has no users yet. Add one with `/registry user add {reference}`.",
	"user.list_fallback": "Users of {registry}: {count}",
	"user.added":
		"User `{username}` ({permission}) was added to `{registry}`. Credentials for `{username}` were sent to you by direct message.",
	"user.deleted":
		"User `{username}` was deleted from `{registry}`. Its password no longer works.",
	"user.rotated":
		"The password of `{username}` on `{registry}` was changed. A new password was sent to you by DM. The old one no longer works.",

	// Operation errors, one per OperationError code.
	"error.registry_not_found":
		"No registry named `{registry}`. `/registry list` shows the ones that exist.",
	"error.registry_not_found_uppercase":
		"Registry host names are lowercase: did you mean `{suggestion}`?",
	"error.registry_ambiguous":
		"More than one registry is named `{registry}` (IDs {ids}). Run the command again with one of those IDs.",
	"error.registry_label_taken":
		"`{label}.sakuracr.jp` is already taken, by this account or another one. Host names are unique across SAKURA Cloud, so choose another name.",
	"error.access_level_rejected":
		"SAKURA Cloud rejected the access level `{accessLevel}`. Since 2026 it accepts only `none` for new registries, and `readonly` is deprecated. Run the command again with `--permission none` (the default), or leave `--permission` out.",
	"error.user_exists":
		"User `{username}` already exists on `{registry}`. To get a new password for it, run `/registry user rotate {reference} --user {username}`.",
	"error.user_not_found":
		"No user `{username}` on `{registry}`. `/registry user list {reference}` shows its users.",
	"error.user_busy":
		"Another change to user `{username}` on `{registry}` is running right now. Try again in a minute.",
	"error.request_limit":
		"You have reached the limit of {limit} requests for approval per hour, so this one was not sent. Try again later, or ask an admin to raise REQUESTS_PER_HOUR.",
	"error.invalid_request":
		"SAKURA Cloud rejected the request as invalid. SAKURA's message, in Japanese: {sakuraMessage}",
	"error.sakura_unauthorized":
		"The bot's SAKURA Cloud API key is invalid or lacks permission for container registries. Ask an admin of this Slack app to check the key.",
	"error.sakura_unavailable":
		"SAKURA Cloud is busy or unreachable right now. Try again in a few minutes.",
	"error.sakura_timeout":
		"The request to SAKURA Cloud timed out. Try again in a few minutes.",
	"error.job_failed":
		"The bot stopped before it finished this operation, and its retries failed too.",
	"error.sakura_failed":
		"SAKURA Cloud returned an error (HTTP {status}, code `{errorCode}`). SAKURA's message, in Japanese: {sakuraMessage}\nTry again later. If it keeps failing, give an admin the serial `{serial}`.",
	"error.credentials_undelivered":
		"The bot could not send you a direct message, so it revoked the new password of `{username}` on `{registry}` and nobody can use it.",
	"error.credentials_unrevoked":
		"The bot could not send you a direct message, and removing the new password of `{username}` on `{registry}` failed too: that password may still work although nobody received it. Ask an admin to delete the user with `/registry user del {registry} --user {username}`.",
	"error.dm_advice_open_dm":
		"Open the bot's Messages tab in Slack (or start a DM with the bot), then run the command again.",
	"error.dm_advice_admin":
		"The bot's Slack token is invalid or lacks a permission (`{deliveryError}`). Ask an admin of this Slack app to check it, then run the command again.",
	"error.dm_advice_retry":
		"Slack did not accept the message just now (`{deliveryError}`). Try again in a few minutes.",
	"error.details": "HTTP {status} · code `{errorCode}` · serial `{serial}`",
	"error.check_create":
		"The registry may have been created anyway: check `/registry list` before you try again.",
	"error.check_user_add":
		"The user may have been added anyway: check `/registry user list {reference}` before you try again.",
	"error.check_rotate":
		"The password may have been changed without reaching you. Run the command again to get a new one.",
	"error.check_delete":
		"The deletion may have gone through: check `/registry list` before you try again.",
	"error.check_any":
		"If you were creating a registry or adding a user, check `/registry list` or `/registry user list <registry>` first: the request may have gone through.",
	"error.unexpected":
		"Something went wrong inside the bot. Try again. If it happens again, give an admin the reference `{reference}`.",

	// The credentials DM.
	"credentials.fallback_new": "New credentials for {fqdn}",
	"credentials.fallback_rotated": "New password for {username} on {fqdn}",
	"credentials.title_new": "New registry credentials",
	"credentials.title_rotated": "New registry password",
	"credentials.field_registry": "*Registry*\n`{fqdn}`",
	"credentials.field_username": "*User name*\n`{username}`",
	"credentials.field_permission": "*Permission*\n{permission}",
	"credentials.password": "*Password*\n```{password}```",
	"credentials.login":
		"*Log in* (Docker asks for the password, so it stays out of your shell history):\n```docker login {host} --username {username}```",
	"credentials.login_ci":
		"*In CI*, keep the password in a secret variable and pipe it in:\n```printf '%s' \"$REGISTRY_PASSWORD\" \\\n  | docker login {host} \\\n    --username {username} --password-stdin```",
	"credentials.expires":
		"The bot deletes this user on {at}. Before then you get a reminder with buttons to extend it or rotate its password.",
	"grant.password_removed_rotated":
		"*Password removed.* The password of user `{username}` on `{registry}` was changed, so the one in this message no longer works. The new one is in a newer message.",
	"grant.password_removed_expired":
		"*Password removed.* User `{username}` on `{registry}` expired and was deleted, so its password no longer works. Ask again with `/registry access {registry}` if you still need access.",
	"grant.password_removed_revoked":
		"*Password removed.* User `{username}` on `{registry}` was revoked and deleted, so its password no longer works.",
	"grant.reminder":
		"Your registry user `{username}` on `{registry}` will be deleted on {at}. Extend it if you still need it, rotate its password, or revoke it now.",
	"grant.expired":
		"Your registry user `{username}` on `{registry}` reached its end and was deleted. Its password no longer works.",
	"grant.button.extend": "Extend",
	"grant.button.rotate": "Rotate password",
	"grant.button.revoke": "Revoke now",
	"grant.line_active":
		"`{username}` on `{registry}` ({permission}), until {at}",
	"grant.line_ended":
		"~`{username}` on `{registry}` ({permission})~ ended {at}",
	"grant.none":
		"You own no registry users from this bot. Ask for one with `/registry access <registry>`.",
	"grant.mine_heading": "*Your registry users*",
	"grant.more": "…and {count} more, not shown.",
	"grant.not_found":
		"The bot has no active credential for user `{username}` on `{registry}`. To delete a user the bot did not issue, use `/registry user delete {registry} --user {username}`, which follows the approval policy.",
	"grant.revoke_refused":
		"Only the owner, {owner}, or an approver may revoke this credential. Ask one of them, or use `/registry user delete`, which asks for approval.",
	"working.user.extend":
		"Extending user `{username}` on registry `{registry}`…",
	"user.extended":
		"User `{username}` on `{registry}` now works until {at}. Its password did not change.",
	"request.action.user.extend":
		"Extend user `{username}` on registry `{registry}` for its full lifetime again, counted from the approval. Its password does not change.",
	"error.grant_not_found":
		"The bot has no active credential for user `{username}` on `{registry}`, so there is nothing to extend. Ask for a new one with `/registry access {reference}`.",
	"grant.gone":
		"This credential has already ended, so the button does nothing. `/registry mine` lists the ones you have now.",
	"home.title": "*SAKURA Registry* · `/registry help` lists every command.",
	"home.requests_heading": "*Your requests*",
	"home.no_requests": "You have made no requests yet.",
	"home.request_line": "{action}\n{status} · asked {at}",
	"home.waiting_heading": "*Waiting for your approval*",
	"home.updated": "Updated {at}. Open the tab again to refresh it.",
	"home.status.pending": ":hourglass: Waiting for approval",
	"home.status.running": ":gear: Running",
	"home.status.succeeded": ":white_check_mark: Done",
	"home.status.failed": ":x: Failed",
	"home.status.rejected": ":no_entry: Rejected",
	"home.status.cancelled": "Cancelled",
	"home.status.expired": "Expired without a decision",
	"working.user.audit":
		"Checking the users of registry `{registry}` against the bot's credentials…",
	"request.action.user.audit":
		"Check the users of registry `{registry}` against the credentials the bot issued. Nothing changes.",
	"audit.clean":
		"All {managed} users of `{registry}` have an active credential from the bot.",
	"audit.heading":
		"{count} users of `{registry}` have no active credential from the bot, so nothing will delete them. {managed} others do.",
	"audit.user": "`{username}` ({permission})",
	"audit.more":
		"…and {count} more, not shown. `/registry user list {reference}` lists every user.",
	"audit.button.remove": "Remove",
	"usage.audit": "/registry audit <registry> [--reason <text>]",
	"help.audit":
		"`{usage}`\nLists the users of a registry that the bot did not issue or whose credential has ended, with a button to remove each through the approval policy.",
	"grant.owner_only":
		"Only the owner, {owner}, can extend this credential or rotate its password.",
	"request.action.user.add_for":
		"Add user `{username}` with {permission} permission to registry `{registry}` for {lifetime}. The password goes to {requester} by DM.",
	"grant.password_removed_rotated_by":
		"*Password removed.* {by} changed the password of user `{username}` on `{registry}` and received the new one, so the one in this message no longer works and {by} now owns the user.",
	"grant.revoked_by":
		"{by} revoked your registry user `{username}` on `{registry}` and deleted it. Its password no longer works.",
	"grant.rotated_by":
		"{by} changed the password of your registry user `{username}` on `{registry}` and received the new one. Your password no longer works, and {by} now owns the user.",
	"credentials.store":
		"Store the password in a secret manager now. The bot does not keep it and cannot show it again.",
	"credentials.old_password":
		"The old password of `{username}` stopped working.",

	// Slack date tokens. `date.format` is the token's format, whose `{date_short_pretty}` and `{time}`
	// Slack fills in each reader's time zone. `date.fallback` is the text of clients that cannot
	// render the token, in UTC. Neither may contain `|` or `>`, which end the token.
	"date.format": "{date_short_pretty} at {time}",
	"date.fallback": "{year}-{month}-{day} {time} UTC",

	// Approval requests: the card in the approval channel, replies to its buttons, and the DMs that
	// tell a requester how their request ended. `{requester}`, `{approver}`, `{approvers}`,
	// `{approvals}`, `{channel}` and the times are Slack mentions and date tokens that the builders
	// insert after escaping, so these templates themselves contain no markup either.
	"request.action.registry.list":
		"List the registries of the SAKURA Cloud account. Nothing changes.",
	"request.action.registry.show":
		"Show registry `{registry}` and its users. Nothing changes.",
	"request.action.registry.create":
		"Create registry `{name}` at `{fqdn}` with access level `{accessLevel}`.",
	"request.action.registry.create_domain": "Custom domain: `{domain}`.",
	"request.action.registry.create_description": "Description: `{description}`.",
	"request.action.registry.delete":
		"Delete registry `{registry}` with all its images and users. This cannot be undone.",
	"request.action.user.add":
		"Add user `{username}` with {permission} permission to registry `{registry}`. The password goes to {requester} by DM.",
	"request.action.user.list":
		"List the users of registry `{registry}`. Nothing changes.",
	"request.action.user.delete":
		"Delete user `{username}` from registry `{registry}`. Its password stops working.",
	"request.action.user.rotate":
		"Set a new password for user `{username}` on registry `{registry}`. The new password goes to {requester} by DM, and the old one stops working.",
	"request.card.fallback": "{requester} asks for approval: {action}",
	"request.card.asks": "{requester} asks for approval to:\n{action}",
	"request.card.reason": "*Reason*\n{reason}",
	"request.card.no_reason": "*Reason*\nNone given.",
	"request.card.progress": "*Approvals:* {count} of {required}",
	"request.card.approval": "{approver} on {at}",
	"request.card.who_may_approve":
		"Who may approve: {approvers}. Expires on {expiresAt}.",
	"request.card.id": "Request `{id}`",
	"request.approvers.admins": "workspace admins and owners",
	"request.approvers.nobody": "nobody (check the approval policy)",
	"request.approvers.separator": " or ",
	"request.approvals.separator": ", ",
	"request.status.running": ":hourglass_flowing_sand: Approved. Running now…",
	"request.status.succeeded": ":white_check_mark: Approved and done on {at}.",
	"request.status.failed": ":x: Approved, but it failed on {at}:\n{error}",
	"request.status.failed_code":
		":x: Approved, but it failed on {at} with error `{code}`.",
	"request.status.rejected": ":no_entry: Rejected by {approver} on {at}.",
	"request.status.rejected_reason":
		":no_entry: Rejected by {approver} on {at}. Reason: {reason}",
	"request.status.rejected_unknown": ":no_entry: Rejected.",
	"request.status.cancelled": "Cancelled by the requester on {at}.",
	"request.status.expired":
		":alarm_clock: Expired on {at} before it had enough approvals. Nothing was changed.",
	"request.button.approve": "Approve",
	"request.button.reject": "Reject",
	"request.button.cancel": "Cancel request",
	"request.approvals_one": "1 approval",
	"request.approvals_other": "{count} approvals",
	"request.submitted":
		"Sent for approval: {action}\nIt needs {approvals} from {approvers}. You get a DM when it is decided. It expires on {expiresAt}.",
	"request.forbidden":
		"The approval policy does not let you ask for this: {action}\nAsk an admin of this Slack app if you need it.",
	"request.card_credentials_undelivered":
		"The bot could not deliver the credentials to the requester by direct message. The requester was told what to do next.",
	"request.card_failed":
		"Your request was cancelled, because the bot could not post the approval card in {channel} (Slack error `{error}`). Ask an admin to invite the bot to that channel, or to set APPROVAL_CHANNEL_ID to a channel the bot is in. Then run the command again.",
	"request.card_failed_admin":
		"Your request was cancelled, because the bot could not post the approval card in {channel} (Slack error `{error}`): its Slack token is invalid or lacks a permission. Ask an admin of this Slack app to check it, then run the command again.",
	"request.card_failed_retry":
		"Your request was cancelled, because Slack did not accept the approval card in {channel} just now (`{error}`). Run the command again in a few minutes.",
	"request.no_approval_channel":
		"This request needs approval, but approvers cannot see a direct message. Run the command in a channel where the bot is a member, or ask an admin to set APPROVAL_CHANNEL_ID.",
	"request.start_failed":
		"Your approval is recorded, but the bot could not start the operation. Click Approve again to retry. If it keeps failing, give an admin the reference {reference}.",
	"request.permission_check_failed":
		"The bot could not check your permissions with Slack. Try again in a moment.",
	"request.click.not_found": "This request no longer exists.",
	"request.click.not_requester": "Only the requester can cancel this request.",
	"request.click.self_approve": "You cannot approve your own request.",
	"request.click.self_reject":
		"You cannot reject your own request. Cancel it instead.",
	"request.click.not_approver": "You are not an approver for this request.",
	"request.click.not_approver_who":
		"You are not an approver for this request. It needs approval from {approvers}.",
	"request.click.expired": "This request expired on {at}.",
	"request.click.duplicate": "You already approved this request on {at}.",
	"request.click.rejected": "This request was rejected by {approver}.",
	"request.click.cancelled": "This request was cancelled by the requester.",
	"request.click.changed":
		"This request changed while you clicked. Look at the card and try again.",
	"request.click.approved": "Already approved by {approvals}.",
	"request.dm.approved_done":
		"Your request was approved by {approvals} and done: {action}",
	"request.dm.approved_failed":
		"Your request was approved by {approvals}, but it failed: {action}",
	"request.dm.rejected": "Your request was rejected by {approver}: {action}",
	"request.dm.rejected_reason":
		"Your request was rejected by {approver}: {action}\nReason: {reason}",
	"request.dm.expired":
		"Your request expired on {at} before it had enough approvals, so nothing was changed: {action}\nRun the command again if you still need it.",
	"request.cancelled": "You cancelled this request: {action}",
	"request.reject.title": "Reject request",
	"request.reject.submit": "Reject",
	"request.reject.close": "Back",
	"request.reject.summary": "{requester} asks for approval to:\n{action}",
	"request.reject.reason_label": "Reason",
	"request.reject.reason_hint":
		"Optional, at most 500 characters. The requester sees it in a DM, and the card shows it.",

	// The HTTP handler, when the bot cannot start because its configuration or secret is invalid.
	"app.misconfigured":
		"The bot is misconfigured and cannot run commands right now. Ask an admin to check its logs.",

	// The admin channel, about problems that only an admin can fix.
	"admin.sakura_unauthorized":
		"SAKURA Cloud rejects the bot's API key (key hash `{keyHash}`): the key is invalid, revoked, or lacks permission for container registries, so every registry command fails. Put a valid key into the bot's SAKURA secret. This alert repeats once a day while SAKURA rejects the key.",

	// ── Modal forms: the /registry entry modal, its forms and their field errors. ──
	// Modal titles and button texts are plain text of at most 24 characters, a Slack view limit.
	"modal.entry.title": "SAKURA Registry",
	"modal.entry.intro": "What do you want to do?",
	"modal.entry.choose_create": "Create a registry",
	"modal.entry.choose_user_add": "Get registry credentials",
	"modal.entry.choose_list": "List registries",
	"modal.entry.choose_show": "Show a registry",
	"modal.entry.choose_delete": "Delete a registry",
	"modal.entry.choose_user_delete": "Delete a user",
	"modal.entry.choose_user_rotate": "Rotate a password",
	"modal.entry.commands_hint":
		"Each form is also a command: `/registry help` lists them.",
	"modal.cancel": "Cancel",
	"modal.submit": "Submit",
	"modal.title.create": "Create a registry",
	"modal.title.user_add": "Get credentials",
	"modal.title.list": "List registries",
	"modal.title.show": "Show a registry",
	"modal.title.delete": "Delete a registry",
	"modal.title.user_delete": "Delete a user",
	"modal.title.user_rotate": "Rotate a password",
	"modal.field.name": "Name",
	"modal.field.name_placeholder": "team-images",
	"modal.field.name_hint":
		"Lowercase letters a-z, digits and hyphens, at most 63 characters. The registry's host name becomes <name>.sakuracr.jp.",
	"modal.field.access_level": "Access level",
	"modal.field.access_level_none": "none (private)",
	"modal.field.access_level_none_note":
		"Only registry users with a password can pull or push.",
	"modal.field.access_level_readonly": "readonly (public pull)",
	"modal.field.access_level_readonly_note":
		"Deprecated. Anyone can pull, and SAKURA may reject it.",
	"modal.field.domain": "Custom domain",
	"modal.field.domain_placeholder": "registry.example.com",
	"modal.field.domain_hint":
		"A fully qualified domain name in ASCII (punycode) form, without https://.",
	"modal.field.description": "Description",
	"modal.field.description_hint": "At most 512 characters.",
	"modal.field.reason": "Reason",
	"modal.field.reason_hint":
		"Why you need this. Approvers see it when the request needs approval.",
	"modal.field.registry": "Registry",
	"modal.field.registry_placeholder": "Type to search registries",
	"modal.field.permission": "Permission",
	"modal.field.permission_readonly": "readonly (pull)",
	"modal.field.permission_readwrite": "readwrite (pull and push)",
	"modal.field.permission_all": "all (pull, push and delete)",
	"modal.field.lifetime": "Lifetime",
	"modal.field.lifetime_hint":
		"How long the user works, such as 8h or 3d. Empty: the longest the permission allows (readonly 30d, readwrite 7d, all 1d).",
	"modal.field.username": "User name",
	"modal.field.username_hint_derived":
		"Leave it empty to use {username}, made from your Slack name. Lowercase letters a-z, digits, '.', '_' and '-'.",
	"modal.field.username_hint":
		"Lowercase letters a-z, digits, '.', '_' and '-', starting with a letter or digit.",
	"modal.list.note":
		"The bot sends the list of registries to you by direct message.",
	"modal.delete.warning":
		"Deleting a registry also deletes its images and users. This cannot be undone.",
	"modal.user_delete.warning":
		"The user's password stops working as soon as the user is deleted.",
	"modal.user_rotate.note":
		"The bot sends the new password to you by direct message, and the old one stops working.",
	"modal.option.registry": "{name} ({fqdn})",

	// Field errors shown under a modal input. Slack shows them as plain text.
	"modal.error.required": "Enter a value.",
	"modal.error.registry_required": "Choose a registry from the list.",
	"modal.error.registry_unknown":
		"No registry has the ID {value}. Choose a registry from the list.",
	"modal.error.registry_list_failed":
		"The registry list could not be loaded from SAKURA Cloud, so your choice could not be checked. Try again in a few minutes.",
	"modal.error.access_level_invalid":
		'"{value}" is not an access level. Choose none (private) or readonly.',
	"modal.error.access_level_readwrite_removed":
		"SAKURA Cloud removed the readwrite access level (anonymous push) in 2026. Choose none, then add registry users.",
	"modal.error.user_permission_invalid":
		'"{value}" is not a user permission. Choose readonly (pull), readwrite (pull and push) or all (also delete).',
	"modal.error.derived_username_invalid":
		"No user name could be made from your Slack name. Enter one.",
	"modal.error.open_failed":
		"The form could not be opened (Slack error {error}). Run the command again, or type it in full: `/registry help` lists the commands.",
} satisfies Record<string, string>;
