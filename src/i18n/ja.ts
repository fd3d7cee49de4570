import type { Catalog } from "./index";

/**
 * Japanese message catalog, with the same keys and `{placeholder}` params as the English one.
 * Commands, flags, wire values and code blocks stay as in English, because users type them as
 * shown. A half-width space or ASCII punctuation separates every `*bold*` span and inline code
 * span from Japanese text, because Slack clients may leave a marker that touches a Japanese
 * character unformatted.
 */
export const ja: Catalog = {
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
	"help.fallback": "/registry の使い方",
	"help.title": "/registry: さくらのクラウド コンテナレジストリ",
	"help.registries_heading": "*レジストリ*",
	"help.list":
		"`{usage}`\nこのさくらのクラウドアカウントのレジストリを一覧表示します。",
	"help.show": "`{usage}`\nレジストリ 1 件の詳細とユーザーを表示します。",
	"help.create":
		"`{usage}`\n`<name>.sakuracr.jp` にレジストリを作成します。アクセスレベルを指定しない場合は `none` (非公開) になります。",
	"help.delete":
		"`{usage}`\nレジストリを、そのイメージとユーザーごと削除します。別名: `del`",
	"help.users_heading": "*レジストリユーザー*",
	"help.user_add":
		"`{usage}`\nユーザーを追加し、パスワードを DM で送信します。省略時は `--user` に Slack の名前から作ったユーザー名、 `--permission` に `readonly` を使います。別名: `create`",
	"help.user_list": "`{usage}`\nレジストリのユーザーと権限を一覧表示します。",
	"help.user_delete":
		"`{usage}`\nユーザーを削除します。そのユーザーのパスワードは使えなくなります。別名: `delete`",
	"help.user_rotate":
		"`{usage}`\n新しいパスワードを設定し、DM で送信します。古いパスワードは使えなくなります。",
	"help.grants_heading": "*自分の認証情報*",
	"help.access":
		"`{usage}`\nSlack の名前から作った自分用のレジストリユーザーを申請します。パスワードは DM で届き、有効期間が終わるとボットが削除します。上限は `readonly` が 30 日、 `readwrite` が 7 日、 `all` が 1 日です。",
	"help.mine":
		"`{usage}`\n自分が持つレジストリユーザーと、それぞれの終了日時を表示します。",
	"help.revoke":
		"`{usage}`\nボットが発行したレジストリユーザーを期限前に削除します。所有者と承認者は承認を待たずに実行できます。",
	"help.notes":
		'権限: `readonly` は pull / `readwrite` は pull と push / `all` はさらに削除も可能です。レジストリ名に使える文字は英小文字 a-z、数字、ハイフンで、ユーザー名にはさらに `.` と `_` も使えます。2026 年以降、さくらのクラウドで新規レジストリに指定できるアクセスレベルは `none` のみです。空白を含む値は引用符で囲んでください (例: `--description "team images"`)。フラグは `--flag=value` の形でも指定できます。どのコマンドにも `--reason <text>` (500 文字以内) を付けられ、承認が必要なコマンドでは承認者に表示されます。',

	// Command-line errors. Each names the value and the fix.
	"parse.see_help": "すべてのコマンドは `/registry help` で確認できます。",
	"parse.usage": "使い方: `{usage}`",
	"parse.too_long":
		"コマンドが {length} 文字あり、上限の {max} 文字を超えています。説明などの値を短くしてください。",
	"parse.unbalanced_quote":
		'引用符 `{quote}` が閉じられていません。閉じる引用符を追加してください。ダブルクォートの中で `"` そのものを書くには `\\"` と入力します。',
	"parse.missing_command":
		"コマンドを指定してください: `list` / `show` / `create` / `delete` / `user`",
	"parse.unknown_command":
		"`{command}` というコマンドはありません。使えるコマンドは `list` / `show` / `create` / `delete` / `user` / `access` / `mine` / `revoke` / `audit` です。",
	"parse.missing_user_command":
		"`/registry user` の後にコマンドを指定してください: `add` / `list` / `del` / `rotate`",
	"parse.unknown_user_command":
		"`user {command}` というコマンドはありません。ユーザー用のコマンドは `add` / `list` / `del` / `rotate` です。",
	"parse.missing_argument": "`{command}` には {argument} を指定してください。",
	"parse.unexpected_argument":
		"`{command}` は引数 `{argument}` を受け付けません。名前以外の値はフラグの後に指定してください。",
	"parse.unknown_flag":
		"`{command}` にフラグ `{flag}` はありません。使えるフラグ: {validFlags}",
	"parse.repeated_flag":
		"`{flag}` が複数回指定されています。1 回だけ指定してください。",
	"parse.flag_value_missing":
		"`{flag}` には値が必要です (例: `{flag} {example}`)。",
	"parse.missing_required_flag":
		"`{command}` には `{flag}` でユーザー名を指定してください (例: `{flag} alice`)。",
	"parse.name_invalid":
		"`{value}` はレジストリ名として使えません。名前はそのままホスト名 `<name>.sakuracr.jp` になるため、使える文字は英小文字 a-z、数字、ハイフンのみで、先頭と末尾は英小文字か数字にする必要があります。",
	"parse.name_uppercase":
		"`{value}` に大文字が含まれています。レジストリ名はホスト名になるため小文字で指定します。代わりに `{suggestion}` を指定してください。",
	"parse.name_non_ascii":
		"`{value}` に a-z、0-9、ハイフン以外の文字が含まれています。レジストリ名はホスト名になるため、使えるのは半角の英小文字、数字、ハイフンのみです。",
	"parse.name_full_width":
		"`{value}` に全角文字が含まれています。レジストリ名に使えるのは半角の英小文字、数字、ハイフンのみです。代わりに `{suggestion}` を指定してください。",
	"parse.name_too_long":
		"レジストリ名が {length} 文字あります。上限は DNS ラベル 1 つ分の長さである {max} 文字です。",
	"parse.reference_invalid":
		"`{value}` に制御文字が含まれています。レジストリの名前か ID を指定してください。",
	"parse.reference_too_long":
		"レジストリ名が {length} 文字あります。さくらのクラウドの上限は {max} 文字です。レジストリの名前か ID を指定してください。",
	"parse.username_invalid":
		"`{value}` はユーザー名として使えません。使える文字は英小文字 a-z、数字と記号 `.` `_` `-` で、先頭は英小文字か数字にしてください。",
	"parse.username_uppercase":
		"`{value}` に大文字が含まれています。ユーザー名は小文字で指定します。代わりに `{suggestion}` を指定してください。",
	"parse.username_non_ascii":
		"`{value}` に a-z、0-9 と記号 `.` `_` `-` 以外の文字が含まれています。ユーザー名に使えるのは半角の英小文字、数字と記号 `.` `_` `-` のみです。",
	"parse.username_full_width":
		"`{value}` に全角文字が含まれています。ユーザー名に使えるのは半角の英小文字、数字と記号 `.` `_` `-` のみです。代わりに `{suggestion}` を指定してください。",
	"parse.username_too_long":
		"ユーザー名が {length} 文字あります。上限は {max} 文字です。",
	"parse.derived_username_invalid":
		"Slack の名前からユーザー名を作れませんでした。ユーザー名は `--user <name>` で指定してください。",
	"parse.access_level_invalid":
		"`{value}` はアクセスレベルとして使えません。2026 年以降、さくらのクラウドで新規レジストリに指定できるのは `none` のみです。アクセスレベルには `--permission none` (非公開、既定値) を指定してください。",
	"parse.access_level_readwrite_removed":
		"さくらのクラウドでは 2026 年にアクセスレベル `readwrite` (匿名 push) が廃止されました。非公開のレジストリを作るには `--permission` を省略し、その後 `/registry user add` でユーザーを追加してください。",
	"parse.ttl_invalid":
		"`{value}` は有効期間として使えません。分・時間・日の整数で、 `30m` や `8h` や `3d` のように指定してください。",
	"parse.ttl_too_long":
		"`{value}` は `{permission}` の認証情報に許される期間を超えています。上限は `{max}` です。",
	"parse.user_permission_invalid":
		"`{value}` はユーザー権限として使えません。指定できる権限は `readonly` (pull、既定値) / `readwrite` (pull と push) / `all` (削除も可) です。",
	"parse.domain_invalid":
		"`{value}` は正しいドメイン名ではありません。完全修飾ドメイン名を ASCII (punycode) 形式で、先頭の `https://` なしで指定してください (例: `registry.example.com`)。",
	"parse.description_too_long":
		"説明が {length} 文字あります。さくらのクラウドの上限は {max} 文字です。",
	"parse.reason_too_long":
		"理由が {length} 文字あります。上限は {max} 文字なので、短くしてください。",

	// Messages shown while an operation runs.
	"working.registry.list": "レジストリの一覧を取得しています…",
	"working.registry.show": "レジストリ `{registry}` を確認しています…",
	"working.registry.create": "レジストリ `{name}` を作成しています…",
	"working.registry.delete": "レジストリ `{registry}` を削除しています…",
	"working.user.add":
		"レジストリ `{registry}` にユーザー `{username}` を追加しています…",
	"working.user.list":
		"レジストリ `{registry}` のユーザー一覧を取得しています…",
	"working.user.delete":
		"レジストリ `{registry}` からユーザー `{username}` を削除しています…",
	"working.user.rotate":
		"レジストリ `{registry}` のユーザー `{username}` のパスワードを再発行しています…",

	// Results.
	"registry.count_one": "レジストリ 1 件",
	"registry.count_other": "レジストリ {count} 件",
	"registry.list_empty":
		"このアカウントにはまだレジストリがありません。作成するには `/registry create <name>` を実行してください。",
	"registry.list_item":
		"*{name}*  `{fqdn}`\nアクセスレベル: {accessLevel} · 作成日: {created}",
	"registry.list_more":
		"…ほか {count} 件あります。各レジストリの詳細は `/registry show <name>` で確認できます。",
	"registry.field_fqdn": "*ホスト名*\n`{fqdn}`",
	"registry.field_access_level": "*アクセスレベル*\n{accessLevel}",
	"registry.field_virtual_domain": "*カスタムドメイン*\n{virtualDomain}",
	"registry.field_created": "*作成日*\n{created}",
	"registry.field_id": "*ID*\n`{id}`",
	"registry.field_description": "*説明*\n{description}",
	"registry.show_fallback": "レジストリ {name}: {fqdn}",
	"registry.created": "レジストリ `{name}` を作成しました: `{fqdn}`",
	"registry.created_hint":
		"`docker login` 用のユーザーは `/registry user add {reference}` で追加できます。",
	"registry.deleted": "レジストリ `{name}` (`{fqdn}`) を削除しました。",
	"value.none": "なし",
	"value.not_reported": "情報なし",
	"value.empty_message": "(メッセージなし)",
	"value.unknown": "不明",

	"user.heading": "*`{registry}` のユーザー* ({count})",
	"user.item": "• `{username}`: {permission}",
	"user.more":
		"…ほか {count} 人います。すべて表示するには `/registry user list {reference}` を実行してください。",
	"user.none":
		"`{registry}` にはまだユーザーがいません。追加するには `/registry user add {reference}` を実行してください。",
	"user.list_fallback": "{registry} のユーザー: {count} 人",
	"user.added":
		"`{registry}` にユーザー `{username}` ({permission}) を追加しました。ユーザー `{username}` の認証情報は DM で送信しました。",
	"user.deleted":
		"`{registry}` からユーザー `{username}` を削除しました。このユーザーのパスワードは使えなくなりました。",
	"user.rotated":
		"`{registry}` のユーザー `{username}` のパスワードを変更しました。新しいパスワードは DM で送信しました。古いパスワードは使えなくなりました。",

	// Operation errors, one per OperationError code.
	"error.registry_not_found":
		"`{registry}` という名前のレジストリはありません。既存のレジストリは `/registry list` で確認できます。",
	"error.registry_not_found_uppercase":
		"レジストリのホスト名は小文字です。もしかして `{suggestion}` のことですか？",
	"error.registry_ambiguous":
		"`{registry}` という名前のレジストリが複数あります (ID: {ids})。いずれかの ID を指定して、もう一度実行してください。",
	"error.registry_label_taken":
		"`{label}.sakuracr.jp` はすでに使われています (このアカウントか別のアカウント)。ホスト名はさくらのクラウド全体で一意なので、別の名前を選んでください。",
	"error.access_level_rejected":
		"さくらのクラウドがアクセスレベル `{accessLevel}` を拒否しました。2026 年以降、新規レジストリに指定できるのは `none` のみです (`readonly` は非推奨)。もう一度実行するときは `--permission` を省略するか、 `--permission none` (既定値) を指定してください。",
	"error.user_exists":
		"`{registry}` にはユーザー `{username}` がすでに存在します。新しいパスワードが必要な場合は `/registry user rotate {reference} --user {username}` を実行してください。",
	"error.user_not_found":
		"`{registry}` にユーザー `{username}` はいません。ユーザーの一覧は `/registry user list {reference}` で確認できます。",
	"error.user_busy":
		"`{registry}` のユーザー `{username}` には別の変更を実行中です。1 分ほどしてからもう一度実行してください。",
	"error.request_limit":
		"承認が必要な申請は 1 時間に {limit} 件までのため、この申請は送信しませんでした。しばらくしてから再度実行するか、管理者に REQUESTS_PER_HOUR の引き上げを依頼してください。",
	"error.invalid_request":
		"さくらのクラウドがリクエストを不正として拒否しました: {sakuraMessage}",
	"error.sakura_unauthorized":
		"ボットのさくらのクラウド API キーが無効か、コンテナレジストリを操作する権限がありません。この Slack アプリの管理者にキーの確認を依頼してください。",
	"error.sakura_unavailable":
		"さくらのクラウドが混雑しているか、接続できません。数分後にもう一度お試しください。",
	"error.sakura_timeout":
		"さくらのクラウドへのリクエストがタイムアウトしました。数分後にもう一度お試しください。",
	"error.job_failed":
		"ボットがこの操作を最後まで終えられず、再試行も失敗しました。",
	"error.sakura_failed":
		"さくらのクラウドがエラーを返しました (HTTP {status}、コード `{errorCode}`): {sakuraMessage}\nしばらくしてからもう一度お試しください。失敗が続く場合は、管理者にシリアル `{serial}` を伝えてください。",
	"error.credentials_undelivered":
		"ボットから DM を送信できませんでした。そのため、レジストリ `{registry}` のユーザー `{username}` に設定した新しいパスワードは無効にしました。このパスワードは誰も使えません。",
	"error.credentials_unrevoked":
		"ボットから DM を送信できず、レジストリ `{registry}` のユーザー `{username}` に設定した新しいパスワードの無効化にも失敗しました。誰にも届いていないこのパスワードが、まだ使える可能性があります。管理者に `/registry user del {registry} --user {username}` でユーザーを削除するよう依頼してください。",
	"error.dm_advice_open_dm":
		"Slack でボットの「メッセージ」タブを開いて (またはボットとの DM を開始して) から、もう一度コマンドを実行してください。",
	"error.dm_advice_admin":
		"ボットの Slack トークンが無効か、権限が不足しています (`{deliveryError}`)。この Slack アプリの管理者に確認を依頼してから、もう一度コマンドを実行してください。",
	"error.dm_advice_retry":
		"Slack がメッセージを受け付けませんでした (`{deliveryError}`)。数分後にもう一度お試しください。",
	"error.details": "HTTP {status} · コード `{errorCode}` · シリアル `{serial}`",
	"error.check_create":
		"レジストリが作成されている可能性があります。もう一度実行する前に `/registry list` で確認してください。",
	"error.check_user_add":
		"ユーザーが追加されている可能性があります。もう一度実行する前に `/registry user list {reference}` で確認してください。",
	"error.check_rotate":
		"パスワードが変更されたのに、新しいパスワードが届いていない可能性があります。もう一度コマンドを実行して、新しいパスワードを受け取ってください。",
	"error.check_delete":
		"削除が完了している可能性があります。もう一度実行する前に `/registry list` で確認してください。",
	"error.check_any":
		"レジストリの作成やユーザーの追加を実行していた場合は、処理が完了している可能性があります。先に `/registry list` または `/registry user list <registry>` で確認してください。",
	"error.unexpected":
		"ボットの内部でエラーが発生しました。もう一度お試しください。再び発生する場合は、管理者に参照 ID `{reference}` を伝えてください。",

	// The credentials DM.
	"credentials.fallback_new": "{fqdn} の新しい認証情報",
	"credentials.fallback_rotated":
		"{fqdn} のユーザー {username} の新しいパスワード",
	"credentials.title_new": "レジストリの新しい認証情報",
	"credentials.title_rotated": "レジストリの新しいパスワード",
	"credentials.field_registry": "*レジストリ*\n`{fqdn}`",
	"credentials.field_username": "*ユーザー名*\n`{username}`",
	"credentials.field_permission": "*権限*\n{permission}",
	"credentials.password": "*パスワード*\n```{password}```",
	"credentials.login":
		"*ログイン* (パスワードは Docker が入力を求めるので、シェルの履歴に残りません)\n```docker login {host} --username {username}```",
	"credentials.login_ci":
		"*CI の場合*\nパスワードはシークレット変数に保存し、次のようにパイプで渡してください。\n```printf '%s' \"$REGISTRY_PASSWORD\" \\\n  | docker login {host} \\\n    --username {username} --password-stdin```",
	"credentials.expires":
		"このユーザーは {at} にボットが削除します。その前に、延長とパスワード変更のボタン付きでお知らせします。",
	"grant.password_removed_rotated":
		"*パスワードを削除しました。* `{registry}` のユーザー `{username}` のパスワードが変更されたため、このメッセージのパスワードは使えません。新しいパスワードは新しいメッセージにあります。",
	"grant.password_removed_expired":
		"*パスワードを削除しました。* `{registry}` のユーザー `{username}` は期限切れで削除されたため、このパスワードは使えません。引き続き必要なら `/registry access {registry}` で再申請してください。",
	"grant.password_removed_revoked":
		"*パスワードを削除しました。* `{registry}` のユーザー `{username}` は取り消されて削除されたため、このパスワードは使えません。",
	"grant.reminder":
		"`{registry}` のレジストリユーザー `{username}` は {at} に削除されます。まだ必要なら延長してください。パスワードの変更や、今すぐの取り消しもできます。",
	"grant.expired":
		"`{registry}` のレジストリユーザー `{username}` は期限に達したため削除しました。そのパスワードはもう使えません。",
	"grant.button.extend": "延長",
	"grant.button.rotate": "パスワード変更",
	"grant.button.revoke": "今すぐ取り消す",
	"grant.line_active": "`{registry}` の `{username}` ({permission}): {at} まで",
	"grant.line_ended":
		"~`{registry}` の `{username}` ({permission})~ {at} に終了",
	"grant.none":
		"このボットから発行された自分のレジストリユーザーはありません。 `/registry access <registry>` で申請できます。",
	"grant.mine_heading": "*自分のレジストリユーザー*",
	"grant.more": "…ほか {count} 件は表示していません。",
	"grant.not_found":
		"`{registry}` のユーザー `{username}` について、有効な認証情報はボットにありません。ボットが発行していないユーザーを削除するには、承認ポリシーに従う `/registry user delete {registry} --user {username}` を使ってください。",
	"grant.revoke_refused":
		"この認証情報を取り消せるのは所有者の {owner} か承認者だけです。どちらかに依頼するか、承認を求める `/registry user delete` を使ってください。",
	"working.user.extend":
		"レジストリ `{registry}` のユーザー `{username}` を延長しています…",
	"user.extended":
		"`{registry}` のユーザー `{username}` は {at} まで使えます。パスワードは変わりません。",
	"request.action.user.extend":
		"レジストリ `{registry}` のユーザー `{username}` の有効期間を、承認の時点から改めて上限まで延長します。パスワードは変わりません。",
	"error.grant_not_found":
		"`{registry}` のユーザー `{username}` について有効な認証情報がボットにないため、延長できません。 `/registry access {reference}` で新しく申請してください。",
	"grant.gone":
		"この認証情報はすでに終了しているため、このボタンは使えません。現在の認証情報は `/registry mine` で確認できます。",
	"home.title":
		"*SAKURA Registry* · コマンドの一覧は `/registry help` で表示できます。",
	"home.requests_heading": "*自分の申請*",
	"home.no_requests": "まだ申請はありません。",
	"home.request_line": "{action}\n{status} · {at} に申請",
	"home.waiting_heading": "*あなたの承認待ち*",
	"home.updated": "{at} 時点の内容です。タブを開き直すと更新されます。",
	"home.status.pending": ":hourglass: 承認待ち",
	"home.status.running": ":gear: 実行中",
	"home.status.succeeded": ":white_check_mark: 完了",
	"home.status.failed": ":x: 失敗",
	"home.status.rejected": ":no_entry: 却下",
	"home.status.cancelled": "取り消し済み",
	"home.status.expired": "決定されないまま期限切れ",
	"working.user.audit":
		"レジストリ `{registry}` のユーザーをボットの認証情報と照合しています…",
	"request.action.user.audit":
		"レジストリ `{registry}` のユーザーを、ボットが発行した認証情報と照合します。変更はしません。",
	"audit.clean":
		"`{registry}` のユーザー ({managed} 人) は、すべてボットが発行した有効な認証情報を持っています。",
	"audit.heading":
		"`{registry}` のユーザーのうち {count} 人は、ボットの有効な認証情報がないため、誰も削除しません。残りの {managed} 人は認証情報があります。",
	"audit.user": "`{username}` ({permission})",
	"audit.more":
		"…ほか {count} 人は表示していません。全員は `/registry user list {reference}` で確認できます。",
	"audit.button.remove": "削除",
	"usage.audit": "/registry audit <registry> [--reason <text>]",
	"help.audit":
		"`{usage}`\nボットが発行していない、または認証情報が終了したレジストリユーザーを一覧し、承認ポリシーに沿って削除するボタンを表示します。",
	"grant.owner_only":
		"この認証情報の延長とパスワード変更は、所有者の {owner} だけが行えます。",
	"request.action.user.add_for":
		"レジストリ `{registry}` にユーザー `{username}` を {permission} 権限で {lifetime} の期間追加します。パスワードは {requester} さんに DM で送信します。",
	"grant.password_removed_rotated_by":
		"*パスワードを削除しました。* {by} さんが `{registry}` のユーザー `{username}` のパスワードを変更して新しいパスワードを受け取ったため、このメッセージのパスワードは使えません。このユーザーの所有者は {by} さんになりました。",
	"grant.revoked_by":
		"{by} さんが `{registry}` のレジストリユーザー `{username}` を取り消して削除しました。そのパスワードはもう使えません。",
	"grant.rotated_by":
		"{by} さんが `{registry}` のレジストリユーザー `{username}` のパスワードを変更し、新しいパスワードを受け取りました。あなたのパスワードは使えなくなり、このユーザーの所有者は {by} さんになりました。",
	"credentials.store":
		"今すぐパスワードをシークレットマネージャーに保存してください。ボットはパスワードを保持しないため、再表示できません。",
	"credentials.old_password":
		"`{username}` の古いパスワードは使えなくなりました。",

	// Slack date tokens, as in the English catalog. Neither may contain `|` or `>`.
	"date.format": "{date_short_pretty} {time}",
	"date.fallback": "{year}年{month}月{day}日 {time} UTC",

	// Approval requests: the card in the approval channel, replies to its buttons, and the DMs that
	// tell a requester how their request ended. `{requester}`, `{approver}`, `{approvers}`,
	// `{approvals}`, `{channel}` and the times are Slack mentions and date tokens.
	"request.action.registry.list":
		"さくらのクラウドアカウントのレジストリを一覧表示します。変更は行いません。",
	"request.action.registry.show":
		"レジストリ `{registry}` とそのユーザーを表示します。変更は行いません。",
	"request.action.registry.create":
		"レジストリ `{name}` を `{fqdn}` に、アクセスレベル `{accessLevel}` で作成します。",
	"request.action.registry.create_domain":
		"カスタムドメインは `{domain}` です。",
	"request.action.registry.create_description": "説明は `{description}` です。",
	"request.action.registry.delete":
		"レジストリ `{registry}` を、すべてのイメージとユーザーごと削除します。元に戻すことはできません。",
	"request.action.user.add":
		"レジストリ `{registry}` にユーザー `{username}` を {permission} 権限で追加します。パスワードは {requester} さんに DM で送信します。",
	"request.action.user.list":
		"レジストリ `{registry}` のユーザーを一覧表示します。変更は行いません。",
	"request.action.user.delete":
		"レジストリ `{registry}` からユーザー `{username}` を削除します。このユーザーのパスワードは使えなくなります。",
	"request.action.user.rotate":
		"レジストリ `{registry}` のユーザー `{username}` のパスワードを再発行します。新しいパスワードは {requester} さんに DM で送信し、古いパスワードは使えなくなります。",
	"request.card.fallback": "{requester} さんが承認を申請しています: {action}",
	"request.card.asks":
		"{requester} さんが次の操作の承認を申請しています:\n{action}",
	"request.card.reason": "*理由*\n{reason}",
	"request.card.no_reason": "*理由*\n記載なし",
	"request.card.progress": "*承認状況:* {count} / {required}",
	"request.card.approval": "{approver} ({at})",
	"request.card.who_may_approve":
		"承認できる人: {approvers}。有効期限: {expiresAt}",
	"request.card.id": "申請 ID `{id}`",
	"request.approvers.admins": "ワークスペースの管理者とオーナー",
	"request.approvers.nobody": "なし (承認ポリシーを確認してください)",
	"request.approvers.separator": " または ",
	"request.approvals.separator": "、",
	"request.status.running":
		":hourglass_flowing_sand: 承認されました。実行中です…",
	"request.status.succeeded":
		":white_check_mark: 承認され、{at} に完了しました。",
	"request.status.failed":
		":x: 承認されましたが、{at} に失敗しました:\n{error}",
	"request.status.failed_code":
		":x: 承認されましたが、{at} にエラー `{code}` で失敗しました。",
	"request.status.rejected":
		":no_entry: {approver} さんが {at} に却下しました。",
	"request.status.rejected_reason":
		":no_entry: {approver} さんが {at} に却下しました。理由: {reason}",
	"request.status.rejected_unknown": ":no_entry: 却下されました。",
	"request.status.cancelled": "{at} に申請者が取り消しました。",
	"request.status.expired":
		":alarm_clock: 必要な承認が集まらないまま {at} に期限切れになりました。変更は行われていません。",
	"request.button.approve": "承認",
	"request.button.reject": "却下",
	"request.button.cancel": "申請を取り消す",
	"request.approvals_one": "1 人の承認",
	"request.approvals_other": "{count} 人の承認",
	"request.submitted":
		"承認を申請しました: {action}\n{approvals}が必要です (承認できる人: {approvers})。結果は DM でお知らせします。有効期限: {expiresAt}",
	"request.forbidden":
		"承認ポリシーにより、この操作は申請できません: {action}\n必要な場合は、この Slack アプリの管理者に相談してください。",
	"request.card_credentials_undelivered":
		"ボットが申請者に認証情報を DM で届けられなかったため、その認証情報を無効にしました。申請者には対処方法を伝えてあります。",
	"request.card_failed":
		"承認カードを {channel} に投稿できなかったため (Slack のエラー `{error}`)、申請を取り消しました。管理者に、ボットをそのチャンネルに招待するか、APPROVAL_CHANNEL_ID をボットが参加しているチャンネルに設定するよう依頼してください。その後、もう一度コマンドを実行してください。",
	"request.card_failed_admin":
		"承認カードを {channel} に投稿できなかったため (Slack のエラー `{error}`)、申請を取り消しました。ボットの Slack トークンが無効か、権限が不足しています。この Slack アプリの管理者に確認を依頼してから、もう一度コマンドを実行してください。",
	"request.card_failed_retry":
		"Slack が {channel} への承認カードの投稿を一時的に受け付けなかったため (`{error}`)、申請を取り消しました。数分後にもう一度コマンドを実行してください。",
	"request.no_approval_channel":
		"この操作には承認が必要ですが、承認者は DM を見ることができません。ボットが参加しているチャンネルでコマンドを実行するか、管理者に APPROVAL_CHANNEL_ID の設定を依頼してください。",
	"request.start_failed":
		"承認は記録されましたが、ボットが操作を開始できませんでした。もう一度「承認」を押すと再試行します。繰り返し失敗する場合は、参照番号 {reference} を管理者に伝えてください。",
	"request.permission_check_failed":
		"Slack で権限を確認できませんでした。少し待ってからもう一度お試しください。",
	"request.click.not_found": "この申請はもう存在しません。",
	"request.click.not_requester": "この申請を取り消せるのは申請者だけです。",
	"request.click.self_approve": "自分の申請は承認できません。",
	"request.click.self_reject":
		"自分の申請は却下できません。代わりに申請を取り消してください。",
	"request.click.not_approver": "あなたはこの申請の承認者ではありません。",
	"request.click.not_approver_who":
		"あなたはこの申請の承認者ではありません。承認できる人: {approvers}",
	"request.click.expired": "この申請は {at} に期限切れになりました。",
	"request.click.duplicate": "あなたは {at} にこの申請を承認済みです。",
	"request.click.rejected": "この申請は {approver} さんが却下しました。",
	"request.click.cancelled": "この申請は申請者が取り消しました。",
	"request.click.changed":
		"操作中に申請の状態が変わりました。カードを確認して、もう一度お試しください。",
	"request.click.approved": "すでに承認されています: {approvals}",
	"request.dm.approved_done":
		"申請が承認され、実行が完了しました: {action}\n承認者: {approvals}",
	"request.dm.approved_failed":
		"申請は承認されましたが、実行に失敗しました: {action}\n承認者: {approvals}",
	"request.dm.rejected": "申請が {approver} さんに却下されました: {action}",
	"request.dm.rejected_reason":
		"申請が {approver} さんに却下されました: {action}\n理由: {reason}",
	"request.dm.expired":
		"必要な承認が集まらないまま {at} に申請の期限が切れたため、変更は行われていません: {action}\n必要な場合は、もう一度コマンドを実行してください。",
	"request.cancelled": "この申請を取り消しました: {action}",
	"request.reject.title": "申請の却下",
	"request.reject.submit": "却下",
	"request.reject.close": "戻る",
	"request.reject.summary":
		"{requester} さんが次の操作の承認を申請しています:\n{action}",
	"request.reject.reason_label": "理由",
	"request.reject.reason_hint":
		"任意、500 文字以内。申請者には DM で伝えられ、カードにも表示されます。",

	// The HTTP handler, when the bot cannot start because its configuration or secret is invalid.
	"app.misconfigured":
		"ボットの設定に問題があるため、現在コマンドを実行できません。管理者にログの確認を依頼してください。",

	// The admin channel, about problems that only an admin can fix.
	"admin.sakura_unauthorized":
		"さくらのクラウドがボットの API キー (キーのハッシュ `{keyHash}`) を拒否しています。キーが無効か、失効しているか、コンテナレジストリを操作する権限がないため、レジストリのコマンドはすべて失敗します。ボットの SAKURA シークレットに有効なキーを設定してください。キーが拒否されている間、この通知は 1 日に 1 回届きます。",

	// ── Modal forms: the /registry entry modal, its forms and their field errors. ──
	// Modal titles and the submit and close buttons are plain text of at most 24 characters, a Slack
	// view limit. Buttons and options in the view body allow 75.
	"modal.entry.title": "さくらのレジストリ",
	"modal.entry.intro": "何をしますか？",
	"modal.entry.choose_create": "レジストリを作成",
	"modal.entry.choose_user_add": "レジストリの認証情報を取得",
	"modal.entry.choose_list": "レジストリの一覧",
	"modal.entry.choose_show": "レジストリを表示",
	"modal.entry.choose_delete": "レジストリを削除",
	"modal.entry.choose_user_delete": "ユーザーを削除",
	"modal.entry.choose_user_rotate": "パスワードを再発行",
	"modal.entry.commands_hint":
		"各フォームの操作はコマンドでも実行できます。コマンドの一覧は `/registry help` で確認できます。",
	"modal.cancel": "キャンセル",
	"modal.submit": "送信",
	"modal.title.create": "レジストリの作成",
	"modal.title.user_add": "認証情報の取得",
	"modal.title.list": "レジストリの一覧",
	"modal.title.show": "レジストリの表示",
	"modal.title.delete": "レジストリの削除",
	"modal.title.user_delete": "ユーザーの削除",
	"modal.title.user_rotate": "パスワードの再発行",
	"modal.field.name": "名前",
	"modal.field.name_placeholder": "team-images",
	"modal.field.name_hint":
		"英小文字 a-z、数字、ハイフンで 63 文字以内。レジストリのホスト名は <name>.sakuracr.jp になります。",
	"modal.field.access_level": "アクセスレベル",
	"modal.field.access_level_none": "none (非公開)",
	"modal.field.access_level_none_note":
		"パスワードを持つレジストリユーザーだけが pull と push を行えます。",
	"modal.field.access_level_readonly": "readonly (誰でも pull 可能)",
	"modal.field.access_level_readonly_note":
		"非推奨。誰でも pull でき、さくらのクラウドに拒否される場合があります。",
	"modal.field.domain": "カスタムドメイン",
	"modal.field.domain_placeholder": "registry.example.com",
	"modal.field.domain_hint":
		"ASCII (punycode) 形式の完全修飾ドメイン名。https:// は付けません。",
	"modal.field.description": "説明",
	"modal.field.description_hint": "512 文字以内。",
	"modal.field.reason": "理由",
	"modal.field.reason_hint":
		"この操作が必要な理由。承認が必要な場合は承認者に表示されます。",
	"modal.field.registry": "レジストリ",
	"modal.field.registry_placeholder": "入力してレジストリを検索",
	"modal.field.permission": "権限",
	"modal.field.permission_readonly": "readonly (pull のみ)",
	"modal.field.permission_readwrite": "readwrite (pull と push)",
	"modal.field.permission_all": "all (pull、push と削除)",
	"modal.field.lifetime": "有効期間",
	"modal.field.lifetime_hint":
		"ユーザーを使える期間です。例: 8h、3d。空欄なら権限ごとの上限 (readonly 30d、readwrite 7d、all 1d) になります。",
	"modal.field.username": "ユーザー名",
	"modal.field.username_hint_derived":
		"空欄の場合は、Slack の名前から作った {username} を使います。英小文字 a-z、数字、'.'、'_'、'-' が使えます。",
	"modal.field.username_hint":
		"英小文字 a-z、数字、'.'、'_'、'-' が使えます。先頭は英小文字か数字にしてください。",
	"modal.list.note": "レジストリの一覧は DM で送信します。",
	"modal.delete.warning":
		"レジストリを削除すると、そのイメージとユーザーもすべて削除されます。元に戻すことはできません。",
	"modal.user_delete.warning":
		"ユーザーを削除すると、そのパスワードはすぐに使えなくなります。",
	"modal.user_rotate.note":
		"新しいパスワードは DM で送信します。古いパスワードは使えなくなります。",
	"modal.option.registry": "{name} ({fqdn})",

	// Field errors shown under a modal input. Slack shows them as plain text.
	"modal.error.required": "値を入力してください。",
	"modal.error.registry_required": "一覧からレジストリを選んでください。",
	"modal.error.registry_unknown":
		"ID が {value} のレジストリはありません。一覧からレジストリを選んでください。",
	"modal.error.registry_list_failed":
		"さくらのクラウドからレジストリの一覧を取得できなかったため、選択内容を確認できませんでした。数分後にもう一度お試しください。",
	"modal.error.access_level_invalid":
		'"{value}" はアクセスレベルとして使えません。none (非公開) か readonly を選んでください。',
	"modal.error.access_level_readwrite_removed":
		"さくらのクラウドでは 2026 年にアクセスレベル readwrite (匿名 push) が廃止されました。none を選び、その後レジストリユーザーを追加してください。",
	"modal.error.user_permission_invalid":
		'"{value}" はユーザー権限として使えません。readonly (pull)、readwrite (pull と push)、all (削除も可) のいずれかを選んでください。',
	"modal.error.derived_username_invalid":
		"Slack の名前からユーザー名を作れませんでした。ユーザー名を入力してください。",
	"modal.error.open_failed":
		"フォームを開けませんでした (Slack のエラー {error})。もう一度コマンドを実行するか、コマンドを省略せずに入力してください。コマンドの一覧は `/registry help` で確認できます。",
};
