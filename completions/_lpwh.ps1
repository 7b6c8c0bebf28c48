
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'lpwh' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'lpwh'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'lpwh' {
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Livepeer Studio API key (overrides the profile''s stored key)')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Studio API base URL [default: https://livepeer.studio/api]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile whose credentials and settings to use [default: default]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each Studio API call (for `check`, each request to the receiver). Not `listen --timeout-after`, which bounds the whole wait for --until/--count')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print data as JSON on stdout (messages still go to stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request (method, URL, status, time) on stderr; never the key')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request (method, URL, status, time) on stderr; never the key')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Save an API key for a profile (checked with one API call first)')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Forget a profile''s stored API key')
            [CompletionResult]::new('profiles', 'profiles', [CompletionResultType]::ParameterValue, 'List profiles and where their keys are stored')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a webhook (a wizard on a terminal when flags are missing)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List webhooks')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List webhooks')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Show one webhook')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change a webhook; fields you do not name are kept')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete one or more webhooks')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Delete one or more webhooks')
            [CompletionResult]::new('logs', 'logs', [CompletionResultType]::ParameterValue, 'Show a webhook''s delivery history, or one delivery in full')
            [CompletionResult]::new('resend', 'resend', [CompletionResultType]::ParameterValue, 'Ask Studio to send a logged delivery again')
            [CompletionResult]::new('health', 'health', [CompletionResultType]::ParameterValue, 'How deliveries went per webhook: success rates, failures by cause, latency (for cron and CI with --fail-under)')
            [CompletionResult]::new('event-types', 'event-types', [CompletionResultType]::ParameterValue, 'List the event types webhooks can subscribe to')
            [CompletionResult]::new('sign', 'sign', [CompletionResultType]::ParameterValue, 'Sign a body the way Studio (or another provider) would, for tests and CI')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check a signature header against a body and secret')
            [CompletionResult]::new('trigger', 'trigger', [CompletionResultType]::ParameterValue, 'Send a signed, realistic sample delivery of an event to a URL')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Grade a receiver against Studio''s delivery contract (signatures, retries, latency), for CI')
            [CompletionResult]::new('listen', 'listen', [CompletionResultType]::ParameterValue, 'Receive deliveries locally: verify, answer, print, forward')
            [CompletionResult]::new('inbox', 'inbox', [CompletionResultType]::ParameterValue, 'The deliveries listen recorded: list, show, replay, export, clear')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'lpwh;login' {
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Livepeer Studio API key (overrides the profile''s stored key)')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Studio API base URL [default: https://livepeer.studio/api]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile whose credentials and settings to use [default: default]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each Studio API call (for `check`, each request to the receiver). Not `listen --timeout-after`, which bounds the whole wait for --until/--count')
            [CompletionResult]::new('--api-key-stdin', '--api-key-stdin', [CompletionResultType]::ParameterName, 'Read the API key from stdin (for scripts; surrounding whitespace is trimmed)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print data as JSON on stdout (messages still go to stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request (method, URL, status, time) on stderr; never the key')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request (method, URL, status, time) on stderr; never the key')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'lpwh;logout' {
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Livepeer Studio API key (overrides the profile''s stored key)')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Studio API base URL [default: https://livepeer.studio/api]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile whose credentials and settings to use [default: default]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each Studio API call (for `check`, each request to the receiver). Not `listen --timeout-after`, which bounds the whole wait for --until/--count')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print data as JSON on stdout (messages still go to stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request (method, URL, status, time) on stderr; never the key')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request (method, URL, status, time) on stderr; never the key')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'lpwh;profiles' {
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Livepeer Studio API key (overrides the profile''s stored key)')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Studio API base URL [default: https://livepeer.studio/api]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile whose credentials and settings to use [default: default]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each Studio API call (for `check`, each request to the receiver). Not `listen --timeout-after`, which bounds the whole wait for --until/--count')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print data as JSON on stdout (messages still go to stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request (method, URL, status, time) on stderr; never the key')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request (method, URL, status, time) on stderr; never the key')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'lpwh;create' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'A name for the webhook')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Where Studio sends events (http:// or https://, reachable from the internet)')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Events to subscribe to, comma-separated or repeated (see ''lpwh event-types'')')
            [CompletionResult]::new('--events', '--events', [CompletionResultType]::ParameterName, 'Events to subscribe to, comma-separated or repeated (see ''lpwh event-types'')')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'Secret Studio signs deliveries with (Livepeer-Signature header)')
            [CompletionResult]::new('--stream-id', '--stream-id', [CompletionResultType]::ParameterName, 'Tie the webhook to this stream (checked to exist first). Studio stores it, but its sender today ignores it: the webhook fires for every stream of the account')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Livepeer Studio API key (overrides the profile''s stored key)')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Studio API base URL [default: https://livepeer.studio/api]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile whose credentials and settings to use [default: default]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each Studio API call (for `check`, each request to the receiver). Not `listen --timeout-after`, which bounds the whole wait for --until/--count')
            [CompletionResult]::new('--generate-secret', '--generate-secret', [CompletionResultType]::ParameterName, 'Generate a random signing secret and print it once')
            [CompletionResult]::new('--no-stream-check', '--no-stream-check', [CompletionResultType]::ParameterName, 'Do not check that --stream-id names a stream of this account')
            [CompletionResult]::new('--allow-unknown-events', '--allow-unknown-events', [CompletionResultType]::ParameterName, 'Send event names the catalog does not know (for events newer than this lpwh)')
            [CompletionResult]::new('--show-secrets', '--show-secrets', [CompletionResultType]::ParameterName, 'Show the secret unmasked in the output')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print data as JSON on stdout (messages still go to stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request (method, URL, status, time) on stderr; never the key')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request (method, URL, status, time) on stderr; never the key')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'lpwh;list' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'At most this many webhooks [default: 20]')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'At most this many webhooks [default: 20]')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Only webhooks whose name contains this (case-insensitive)')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Only webhooks whose URL contains this (checked here: Studio matches URLs exactly)')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only webhooks created since this age (10m, 2h, 7d) or RFC 3339 time')
            [CompletionResult]::new('--event', '--event', [CompletionResultType]::ParameterName, 'Only webhooks subscribed to this event')
            [CompletionResult]::new('--order', '--order', [CompletionResultType]::ParameterName, 'Sort order: FIELD-asc or FIELD-desc, e.g. createdAt-desc [default: by id]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Livepeer Studio API key (overrides the profile''s stored key)')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Studio API base URL [default: https://livepeer.studio/api]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile whose credentials and settings to use [default: default]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each Studio API call (for `check`, each request to the receiver). Not `listen --timeout-after`, which bounds the whole wait for --until/--count')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every webhook, following all pages')
            [CompletionResult]::new('--show-secrets', '--show-secrets', [CompletionResultType]::ParameterName, 'Show secrets unmasked (a SECRET column; unmasked in --json)')
            [CompletionResult]::new('--deleted', '--deleted', [CompletionResultType]::ParameterName, 'With an admin''s key: include deleted webhooks, marked deleted (Studio returns them only when asked)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print data as JSON on stdout (messages still go to stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request (method, URL, status, time) on stderr; never the key')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request (method, URL, status, time) on stderr; never the key')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'lpwh;ls' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'At most this many webhooks [default: 20]')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'At most this many webhooks [default: 20]')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Only webhooks whose name contains this (case-insensitive)')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Only webhooks whose URL contains this (checked here: Studio matches URLs exactly)')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only webhooks created since this age (10m, 2h, 7d) or RFC 3339 time')
            [CompletionResult]::new('--event', '--event', [CompletionResultType]::ParameterName, 'Only webhooks subscribed to this event')
            [CompletionResult]::new('--order', '--order', [CompletionResultType]::ParameterName, 'Sort order: FIELD-asc or FIELD-desc, e.g. createdAt-desc [default: by id]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Livepeer Studio API key (overrides the profile''s stored key)')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Studio API base URL [default: https://livepeer.studio/api]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile whose credentials and settings to use [default: default]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each Studio API call (for `check`, each request to the receiver). Not `listen --timeout-after`, which bounds the whole wait for --until/--count')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every webhook, following all pages')
            [CompletionResult]::new('--show-secrets', '--show-secrets', [CompletionResultType]::ParameterName, 'Show secrets unmasked (a SECRET column; unmasked in --json)')
            [CompletionResult]::new('--deleted', '--deleted', [CompletionResultType]::ParameterName, 'With an admin''s key: include deleted webhooks, marked deleted (Studio returns them only when asked)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print data as JSON on stdout (messages still go to stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request (method, URL, status, time) on stderr; never the key')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request (method, URL, status, time) on stderr; never the key')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'lpwh;get' {
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Livepeer Studio API key (overrides the profile''s stored key)')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Studio API base URL [default: https://livepeer.studio/api]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile whose credentials and settings to use [default: default]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each Studio API call (for `check`, each request to the receiver). Not `listen --timeout-after`, which bounds the whole wait for --until/--count')
            [CompletionResult]::new('--show-secrets', '--show-secrets', [CompletionResultType]::ParameterName, 'Show the secret unmasked')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print data as JSON on stdout (messages still go to stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request (method, URL, status, time) on stderr; never the key')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request (method, URL, status, time) on stderr; never the key')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'lpwh;update' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'New name')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'New delivery URL')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Replace the subscribed events (comma-separated or repeated)')
            [CompletionResult]::new('--events', '--events', [CompletionResultType]::ParameterName, 'Replace the subscribed events (comma-separated or repeated)')
            [CompletionResult]::new('--add-event', '--add-event', [CompletionResultType]::ParameterName, 'Subscribe to one more event (repeatable)')
            [CompletionResult]::new('--remove-event', '--remove-event', [CompletionResultType]::ParameterName, 'Unsubscribe from an event (repeatable)')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'Set the signing secret')
            [CompletionResult]::new('--stream-id', '--stream-id', [CompletionResultType]::ParameterName, 'Tie the webhook to this stream (Studio checks it exists; its sender today ignores it and fires for every stream of the account)')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Livepeer Studio API key (overrides the profile''s stored key)')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Studio API base URL [default: https://livepeer.studio/api]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile whose credentials and settings to use [default: default]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each Studio API call (for `check`, each request to the receiver). Not `listen --timeout-after`, which bounds the whole wait for --until/--count')
            [CompletionResult]::new('--rotate-secret', '--rotate-secret', [CompletionResultType]::ParameterName, 'Replace the signing secret with a new random one, printed once')
            [CompletionResult]::new('--clear-secret', '--clear-secret', [CompletionResultType]::ParameterName, 'Remove the signing secret (deliveries will not be signed)')
            [CompletionResult]::new('--clear-stream', '--clear-stream', [CompletionResultType]::ParameterName, 'Remove the webhook''s stream (resets Studio''s last triggered/last failure)')
            [CompletionResult]::new('--allow-unknown-events', '--allow-unknown-events', [CompletionResultType]::ParameterName, 'Accept event names the catalog does not know')
            [CompletionResult]::new('--show-secrets', '--show-secrets', [CompletionResultType]::ParameterName, 'Show the secret unmasked in the output')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print data as JSON on stdout (messages still go to stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request (method, URL, status, time) on stderr; never the key')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request (method, URL, status, time) on stderr; never the key')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'lpwh;delete' {
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Livepeer Studio API key (overrides the profile''s stored key)')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Studio API base URL [default: https://livepeer.studio/api]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile whose credentials and settings to use [default: default]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each Studio API call (for `check`, each request to the receiver). Not `listen --timeout-after`, which bounds the whole wait for --until/--count')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required without a terminal)')
            [CompletionResult]::new('--other-accounts', '--other-accounts', [CompletionResultType]::ParameterName, 'With an admin''s key: also delete other accounts'' webhooks (otherwise refused, naming the account)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print data as JSON on stdout (messages still go to stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request (method, URL, status, time) on stderr; never the key')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request (method, URL, status, time) on stderr; never the key')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'lpwh;rm' {
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Livepeer Studio API key (overrides the profile''s stored key)')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Studio API base URL [default: https://livepeer.studio/api]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile whose credentials and settings to use [default: default]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each Studio API call (for `check`, each request to the receiver). Not `listen --timeout-after`, which bounds the whole wait for --until/--count')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required without a terminal)')
            [CompletionResult]::new('--other-accounts', '--other-accounts', [CompletionResultType]::ParameterName, 'With an admin''s key: also delete other accounts'' webhooks (otherwise refused, naming the account)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print data as JSON on stdout (messages still go to stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request (method, URL, status, time) on stderr; never the key')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request (method, URL, status, time) on stderr; never the key')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'lpwh;logs' {
            [CompletionResult]::new('--event', '--event', [CompletionResultType]::ParameterName, 'Only deliveries of this event')
            [CompletionResult]::new('--resource', '--resource', [CompletionResultType]::ParameterName, 'Only deliveries whose body mentions this stream, asset, session or playback id (a case-insensitive substring of the request body)')
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Only deliveries the receiver answered with this HTTP status')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only deliveries since this age (10m, 2h, 7d) or RFC 3339 time')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'At most this many deliveries, newest first [default: 20]')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'At most this many deliveries, newest first [default: 20]')
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'Seconds between polls with --follow')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Livepeer Studio API key (overrides the profile''s stored key)')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Studio API base URL [default: https://livepeer.studio/api]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile whose credentials and settings to use [default: default]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each Studio API call (for `check`, each request to the receiver). Not `listen --timeout-after`, which bounds the whole wait for --until/--count')
            [CompletionResult]::new('--failed', '--failed', [CompletionResultType]::ParameterName, 'Only failed deliveries')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every matching delivery, following all pages')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Keep polling and print new deliveries as they arrive (Ctrl-C stops)')
            [CompletionResult]::new('--follow', '--follow', [CompletionResultType]::ParameterName, 'Keep polling and print new deliveries as they arrive (Ctrl-C stops)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print data as JSON on stdout (messages still go to stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request (method, URL, status, time) on stderr; never the key')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request (method, URL, status, time) on stderr; never the key')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'lpwh;resend' {
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Livepeer Studio API key (overrides the profile''s stored key)')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Studio API base URL [default: https://livepeer.studio/api]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile whose credentials and settings to use [default: default]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each Studio API call (for `check`, each request to the receiver). Not `listen --timeout-after`, which bounds the whole wait for --until/--count')
            [CompletionResult]::new('--to-current', '--to-current', [CompletionResultType]::ParameterName, 'Send the logged body to the webhook''s current URL, re-signed with its current secret and a fresh timestamp, from this machine (Studio keeps no log of it)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print data as JSON on stdout (messages still go to stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request (method, URL, status, time) on stderr; never the key')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request (method, URL, status, time) on stderr; never the key')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'lpwh;health' {
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'The window: an age (30m, 24h, 7d) or an RFC 3339 time')
            [CompletionResult]::new('--fail-under', '--fail-under', [CompletionResultType]::ParameterName, 'Exit 1 when a webhook''s event success rate in the window is below PCT (0-100)')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Livepeer Studio API key (overrides the profile''s stored key)')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Studio API base URL [default: https://livepeer.studio/api]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile whose credentials and settings to use [default: default]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each Studio API call (for `check`, each request to the receiver). Not `listen --timeout-after`, which bounds the whole wait for --until/--count')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print data as JSON on stdout (messages still go to stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request (method, URL, status, time) on stderr; never the key')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request (method, URL, status, time) on stderr; never the key')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'lpwh;event-types' {
            [CompletionResult]::new('--provider', '--provider', [CompletionResultType]::ParameterName, 'Whose events to list')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Livepeer Studio API key (overrides the profile''s stored key)')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Studio API base URL [default: https://livepeer.studio/api]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile whose credentials and settings to use [default: default]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each Studio API call (for `check`, each request to the receiver). Not `listen --timeout-after`, which bounds the whole wait for --until/--count')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print data as JSON on stdout (messages still go to stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request (method, URL, status, time) on stderr; never the key')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request (method, URL, status, time) on stderr; never the key')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'lpwh;sign' {
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'The webhook''s secret: its sharedSecret (for FastPix, the base64 signing secret). Prefer LPWH_WEBHOOK_SECRET: it keeps the secret out of `ps`')
            [CompletionResult]::new('--scheme', '--scheme', [CompletionResultType]::ParameterName, 'Signature scheme: `livepeer` is what Studio really sends; `livepeer-docs` what its guide documents')
            [CompletionResult]::new('--timestamp', '--timestamp', [CompletionResultType]::ParameterName, 'Unix time to sign at, seconds or milliseconds (told apart by size) [default: now; for a livepeer --body, the body''s own "timestamp"]')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Unix time to sign at, seconds or milliseconds (told apart by size) [default: now; for a livepeer --body, the body''s own "timestamp"]')
            [CompletionResult]::new('--id', '--id', [CompletionResultType]::ParameterName, 'Message id for standard-webhooks (`webhook-id`) [default: a fresh msg_<uuid>]')
            [CompletionResult]::new('--body', '--body', [CompletionResultType]::ParameterName, 'The body to sign: a file, or `-` for stdin. Signed byte for byte')
            [CompletionResult]::new('--event', '--event', [CompletionResultType]::ParameterName, 'Sign a realistic sample delivery of this event instead of a file (see `lpwh event-types`)')
            [CompletionResult]::new('--set', '--set', [CompletionResultType]::ParameterName, 'Change a field of the --event sample before signing, e.g. `stream.name=test` (repeatable)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'What to print: the header line(s), a curl command, a raw HTTP request, or JSON')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Where the curl command or HTTP request sends the delivery')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Livepeer Studio API key (overrides the profile''s stored key)')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Studio API base URL [default: https://livepeer.studio/api]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile whose credentials and settings to use [default: default]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each Studio API call (for `check`, each request to the receiver). Not `listen --timeout-after`, which bounds the whole wait for --until/--count')
            [CompletionResult]::new('--legacy-asset', '--legacy-asset', [CompletionResultType]::ParameterName, 'Use the legacy asset.ready/asset.failed payload (webhooks created before 2024-07-28)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print data as JSON on stdout (messages still go to stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request (method, URL, status, time) on stderr; never the key')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request (method, URL, status, time) on stderr; never the key')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'lpwh;verify' {
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'The webhook''s secret; repeat it during a rotation (any may match)')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'A request header, `Name: value` (repeatable; e.g. the Livepeer-Signature line)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'A request header, `Name: value` (repeatable; e.g. the Livepeer-Signature line)')
            [CompletionResult]::new('--body', '--body', [CompletionResultType]::ParameterName, 'The raw body as received: a file, or `-` for stdin')
            [CompletionResult]::new('--scheme', '--scheme', [CompletionResultType]::ParameterName, 'Signature scheme: `livepeer` is what Studio really sends; `livepeer-docs` what its guide documents')
            [CompletionResult]::new('--tolerance', '--tolerance', [CompletionResultType]::ParameterName, 'How far the timestamp may be from now, either way: `300`, `300s`, `5m`')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Check as if it were this Unix time (seconds or milliseconds) [default: now]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Livepeer Studio API key (overrides the profile''s stored key)')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Studio API base URL [default: https://livepeer.studio/api]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile whose credentials and settings to use [default: default]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each Studio API call (for `check`, each request to the receiver). Not `listen --timeout-after`, which bounds the whole wait for --until/--count')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print data as JSON on stdout (messages still go to stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request (method, URL, status, time) on stderr; never the key')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request (method, URL, status, time) on stderr; never the key')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'lpwh;trigger' {
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'URL to POST the delivery to [default with --webhook: that webhook''s URL, after asking]')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'The webhook''s secret: its sharedSecret (for FastPix, the base64 signing secret). Prefer LPWH_WEBHOOK_SECRET: it keeps the secret out of `ps`')
            [CompletionResult]::new('--webhook', '--webhook', [CompletionResultType]::ParameterName, 'Sign with this Studio webhook''s secret (an id or a unique prefix; fetched from the API), and put its id in the body''s webhookId')
            [CompletionResult]::new('--scheme', '--scheme', [CompletionResultType]::ParameterName, 'Signature scheme [default: livepeer, or fastpix for FastPix events]')
            [CompletionResult]::new('--set', '--set', [CompletionResultType]::ParameterName, 'Change a field of the sample by dotted path before signing; VALUE is JSON when it parses as JSON, else a string (repeatable), e.g. stream.isActive=false')
            [CompletionResult]::new('--timestamp', '--timestamp', [CompletionResultType]::ParameterName, 'Stamp the delivery with this Unix time (seconds or milliseconds, told apart by magnitude) instead of now, e.g. to test a receiver''s freshness check')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Extra request header, ''Name: value'' (repeatable; replaces a default header of that name)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'Extra request header, ''Name: value'' (repeatable; replaces a default header of that name)')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Livepeer Studio API key (overrides the profile''s stored key)')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Studio API base URL [default: https://livepeer.studio/api]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile whose credentials and settings to use [default: default]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each Studio API call (for `check`, each request to the receiver). Not `listen --timeout-after`, which bounds the whole wait for --until/--count')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'With --webhook and no --to: send to the webhook''s URL without asking')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'With --webhook and no --to: send to the webhook''s URL without asking')
            [CompletionResult]::new('--legacy-asset', '--legacy-asset', [CompletionResultType]::ParameterName, 'Use the legacy payload form Studio sends to webhooks created before 2024-07-28 (asset.ready and asset.failed only)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print data as JSON on stdout (messages still go to stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request (method, URL, status, time) on stderr; never the key')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request (method, URL, status, time) on stderr; never the key')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'lpwh;check' {
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'The webhook''s secret: its sharedSecret (for FastPix, the base64 signing secret). Prefer LPWH_WEBHOOK_SECRET: it keeps the secret out of `ps`')
            [CompletionResult]::new('--scheme', '--scheme', [CompletionResultType]::ParameterName, 'Signature scheme the receiver verifies')
            [CompletionResult]::new('--events', '--events', [CompletionResultType]::ParameterName, 'The events `valid` sends, comma-separated [default: stream.started, stream.idle, recording.ready, asset.ready, task.completed]')
            [CompletionResult]::new('--only', '--only', [CompletionResultType]::ParameterName, 'Run only these cases (comma-separated)')
            [CompletionResult]::new('--skip', '--skip', [CompletionResultType]::ParameterName, 'Run every case but these (comma-separated)')
            [CompletionResult]::new('--burst', '--burst', [CompletionResultType]::ParameterName, 'How many deliveries `burst` sends (10 in flight at a time)')
            [CompletionResult]::new('--junit', '--junit', [CompletionResultType]::ParameterName, 'Also write the results as JUnit XML, one testcase per case')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Livepeer Studio API key (overrides the profile''s stored key)')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Studio API base URL [default: https://livepeer.studio/api]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile whose credentials and settings to use [default: default]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each Studio API call (for `check`, each request to the receiver). Not `listen --timeout-after`, which bounds the whole wait for --until/--count')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Exit 1 on warnings too')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print data as JSON on stdout (messages still go to stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request (method, URL, status, time) on stderr; never the key')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request (method, URL, status, time) on stderr; never the key')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'lpwh;listen' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Port to listen on (0 picks a free one; the address is printed)')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Port to listen on (0 picks a free one; the address is printed)')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Address to bind to (use 0.0.0.0 only if other machines must reach it)')
            [CompletionResult]::new('--path', '--path', [CompletionResultType]::ParameterName, 'Only accept deliveries on this path (others get 404) [default: any path]')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Webhook secret to verify with; repeat during a secret rotation (any may match)')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'Webhook secret to verify with; repeat during a secret rotation (any may match)')
            [CompletionResult]::new('--webhook', '--webhook', [CompletionResultType]::ParameterName, 'Verify with the sharedSecret of this Studio webhook (an id or a unique prefix; fetched from the API)')
            [CompletionResult]::new('--scheme', '--scheme', [CompletionResultType]::ParameterName, 'Signature scheme deliveries are signed with')
            [CompletionResult]::new('--tolerance', '--tolerance', [CompletionResultType]::ParameterName, 'How far a delivery''s timestamp may be from now, both ways (e.g. 300s, 5m)')
            [CompletionResult]::new('--max-body', '--max-body', [CompletionResultType]::ParameterName, 'Largest body accepted; bigger ones get 413 (e.g. 1MiB, 512KiB, 100000)')
            [CompletionResult]::new('--read-timeout', '--read-timeout', [CompletionResultType]::ParameterName, 'How long a client may take to send its headers, and then its body')
            [CompletionResult]::new('--forward-to', '--forward-to', [CompletionResultType]::ParameterName, 'Also POST each valid delivery (raw body, original headers) to URL; repeatable. EVENT_GLOB=URL sends only matching events there, e.g. ''stream.*=http://localhost:4000/streams''')
            [CompletionResult]::new('--forward-timeout', '--forward-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a forward target''s answer')
            [CompletionResult]::new('--max-forwards', '--max-forwards', [CompletionResultType]::ParameterName, 'With --ack-first: the most forwards under way at once; later deliveries wait in the inbox and go to the app in order')
            [CompletionResult]::new('--events', '--events', [CompletionResultType]::ParameterName, 'Only print, forward and count these events (comma-separated globs, e.g. ''asset.*,task.failed''); other deliveries are still answered. With --public-url: the events to subscribe to')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Exit 0 once a verified delivery of EVENT arrives (an unsigned one only when listen has no secret)')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Exit 0 after N verified deliveries (of the --until event, when both are given; unsigned ones only when listen has no secret)')
            [CompletionResult]::new('--timeout-after', '--timeout-after', [CompletionResultType]::ParameterName, 'Exit 1 if --until/--count is not reached within this time (e.g. 90s, 10m). The whole wait; the global --timeout is per API call')
            [CompletionResult]::new('--access-control', '--access-control', [CompletionResultType]::ParameterName, 'Answer playback.accessControl requests: allow, deny, or a rules file (JSON or TOML)')
            [CompletionResult]::new('--public-url', '--public-url', [CompletionResultType]::ParameterName, 'Your public tunnel URL: create a temporary Studio webhook for it, verify with its secret, and delete it on exit. The secret is --secret''s (or LPWH_WEBHOOK_SECRET''s), else the profile''s development secret (see --print-secret)')
            [CompletionResult]::new('--tunnel', '--tunnel', [CompletionResultType]::ParameterName, 'Expose the listener through a tunnel program and point a temporary Studio webhook at it, kept in step when the tunnel restarts: auto (the first of cloudflared, ngrok, bore on PATH), cloudflared, ngrok or bore')
            [CompletionResult]::new('--tunnel-bin', '--tunnel-bin', [CompletionResultType]::ParameterName, 'The tunnel program''s path [default: found on PATH]')
            [CompletionResult]::new('--tunnel-server', '--tunnel-server', [CompletionResultType]::ParameterName, 'bore''s server (self-hosted, or the public bore.pub)')
            [CompletionResult]::new('--tunnel-timeout', '--tunnel-timeout', [CompletionResultType]::ParameterName, 'How long the tunnel program has to give its public URL')
            [CompletionResult]::new('--ready-file', '--ready-file', [CompletionResultType]::ParameterName, 'Once ready, write {listen_url, public_url, webhook_id, events, tunnel} as JSON to PATH (atomically: a script may wait for the file to appear)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Record deliveries in this SQLite database [default: <data dir>/inbox.sqlite]')
            [CompletionResult]::new('--catch-up', '--catch-up', [CompletionResultType]::ParameterName, 'With --webhook: before taking live deliveries, bring in the events Studio logged for it in the last DURATION (10m, 2h, 1d) that the inbox lacks, and forward them in order')
            [CompletionResult]::new('--keep', '--keep', [CompletionResultType]::ParameterName, 'Keep only the newest N recorded deliveries, or those younger than an age (7d, 12h)')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Livepeer Studio API key (overrides the profile''s stored key)')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Studio API base URL [default: https://livepeer.studio/api]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile whose credentials and settings to use [default: default]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each Studio API call (for `check`, each request to the receiver). Not `listen --timeout-after`, which bounds the whole wait for --until/--count')
            [CompletionResult]::new('--ack-first', '--ack-first', [CompletionResultType]::ParameterName, 'Answer the sender 200 as soon as the delivery is recorded, then forward with no timeout and record the app''s answer when it comes: for stepping through your handler in a debugger without Studio timing out and retrying. Until the app answers, the delivery is `pending` in the inbox, and survives any exit (''lpwh inbox replay --pending'' sends what is left). Never for playback.accessControl, whose answer is the decision')
            [CompletionResult]::new('--ui', '--ui', [CompletionResultType]::ParameterName, 'Show deliveries in the full-screen view (as `lpwh inbox browse`, following new arrivals) instead of lines; q quits and stops listening')
            [CompletionResult]::new('--no-record', '--no-record', [CompletionResultType]::ParameterName, 'Do not record deliveries in the inbox (lpwh inbox)')
            [CompletionResult]::new('--print-secret', '--print-secret', [CompletionResultType]::ParameterName, 'Print the profile''s development webhook secret and exit: what --tunnel and --public-url sign the temporary webhook with when no --secret is given (made on first use, then kept beside the API key, so your app''s .env keeps working). Needs no API key')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print data as JSON on stdout (messages still go to stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request (method, URL, status, time) on stderr; never the key')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request (method, URL, status, time) on stderr; never the key')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'lpwh;inbox' {
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Livepeer Studio API key (overrides the profile''s stored key)')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Studio API base URL [default: https://livepeer.studio/api]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile whose credentials and settings to use [default: default]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each Studio API call (for `check`, each request to the receiver). Not `listen --timeout-after`, which bounds the whole wait for --until/--count')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print data as JSON on stdout (messages still go to stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request (method, URL, status, time) on stderr; never the key')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request (method, URL, status, time) on stderr; never the key')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List recorded deliveries, newest first')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List recorded deliveries, newest first')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one delivery: headers, verdict, forward results and the pretty-printed body')
            [CompletionResult]::new('replay', 'replay', [CompletionResultType]::ParameterValue, 'Send a recorded delivery again, re-signed with a fresh timestamp (as Studio''s resend does)')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Print every delivery as JSON (NDJSON by default), raw bodies included as base64')
            [CompletionResult]::new('clear', 'clear', [CompletionResultType]::ParameterValue, 'Delete every recorded delivery')
            [CompletionResult]::new('browse', 'browse', [CompletionResultType]::ParameterValue, 'Look through the deliveries full-screen: move, open details, search, filter, follow')
            [CompletionResult]::new('backfill', 'backfill', [CompletionResultType]::ParameterValue, 'Import the deliveries Studio logged (while listen was not running, say) into the inbox')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'lpwh;inbox;list' {
            [CompletionResult]::new('--event', '--event', [CompletionResultType]::ParameterName, 'Only this event (a glob with * works, e.g. ''stream.*'')')
            [CompletionResult]::new('--verdict', '--verdict', [CompletionResultType]::ParameterName, 'Only this verdict: ok, bad_signature, stale_timestamp, unsigned, unchecked, duplicate, ...')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only deliveries received since: an age (10m, 2h, 1d) or an RFC 3339 time')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'At most this many (the newest)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'At most this many (the newest)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The inbox database [default: <data dir>/inbox.sqlite]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Livepeer Studio API key (overrides the profile''s stored key)')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Studio API base URL [default: https://livepeer.studio/api]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile whose credentials and settings to use [default: default]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each Studio API call (for `check`, each request to the receiver). Not `listen --timeout-after`, which bounds the whole wait for --until/--count')
            [CompletionResult]::new('--failed', '--failed', [CompletionResultType]::ParameterName, 'Only failures: refused deliveries, and forwarded ones your app answered with a non-2xx or not at all')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every matching delivery, however many')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print data as JSON on stdout (messages still go to stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request (method, URL, status, time) on stderr; never the key')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request (method, URL, status, time) on stderr; never the key')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'lpwh;inbox;ls' {
            [CompletionResult]::new('--event', '--event', [CompletionResultType]::ParameterName, 'Only this event (a glob with * works, e.g. ''stream.*'')')
            [CompletionResult]::new('--verdict', '--verdict', [CompletionResultType]::ParameterName, 'Only this verdict: ok, bad_signature, stale_timestamp, unsigned, unchecked, duplicate, ...')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only deliveries received since: an age (10m, 2h, 1d) or an RFC 3339 time')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'At most this many (the newest)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'At most this many (the newest)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The inbox database [default: <data dir>/inbox.sqlite]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Livepeer Studio API key (overrides the profile''s stored key)')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Studio API base URL [default: https://livepeer.studio/api]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile whose credentials and settings to use [default: default]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each Studio API call (for `check`, each request to the receiver). Not `listen --timeout-after`, which bounds the whole wait for --until/--count')
            [CompletionResult]::new('--failed', '--failed', [CompletionResultType]::ParameterName, 'Only failures: refused deliveries, and forwarded ones your app answered with a non-2xx or not at all')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every matching delivery, however many')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print data as JSON on stdout (messages still go to stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request (method, URL, status, time) on stderr; never the key')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request (method, URL, status, time) on stderr; never the key')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'lpwh;inbox;show' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The inbox database [default: <data dir>/inbox.sqlite]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Livepeer Studio API key (overrides the profile''s stored key)')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Studio API base URL [default: https://livepeer.studio/api]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile whose credentials and settings to use [default: default]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each Studio API call (for `check`, each request to the receiver). Not `listen --timeout-after`, which bounds the whole wait for --until/--count')
            [CompletionResult]::new('--raw', '--raw', [CompletionResultType]::ParameterName, 'Print the exact raw body bytes and nothing else (to a file or pipe; see --force)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'With --raw, write the bytes even when stdout is a terminal. A delivery''s bytes are whatever the sender chose, escape sequences included, and a terminal obeys them')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print data as JSON on stdout (messages still go to stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request (method, URL, status, time) on stderr; never the key')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request (method, URL, status, time) on stderr; never the key')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'lpwh;inbox;replay' {
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'URL to POST it to')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'The webhook''s secret: its sharedSecret (for FastPix, the base64 signing secret). Prefer LPWH_WEBHOOK_SECRET: it keeps the secret out of `ps`')
            [CompletionResult]::new('--scheme', '--scheme', [CompletionResultType]::ParameterName, 'Signature scheme')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The inbox database [default: <data dir>/inbox.sqlite]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Livepeer Studio API key (overrides the profile''s stored key)')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Studio API base URL [default: https://livepeer.studio/api]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile whose credentials and settings to use [default: default]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each Studio API call (for `check`, each request to the receiver). Not `listen --timeout-after`, which bounds the whole wait for --until/--count')
            [CompletionResult]::new('--pending', '--pending', [CompletionResultType]::ParameterName, 'Send every pending delivery (answered by ''listen --ack-first'' before the app did), oldest first, and record each answer; stops at the first that cannot be sent')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print data as JSON on stdout (messages still go to stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request (method, URL, status, time) on stderr; never the key')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request (method, URL, status, time) on stderr; never the key')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'lpwh;inbox;export' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The inbox database [default: <data dir>/inbox.sqlite]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Livepeer Studio API key (overrides the profile''s stored key)')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Studio API base URL [default: https://livepeer.studio/api]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile whose credentials and settings to use [default: default]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each Studio API call (for `check`, each request to the receiver). Not `listen --timeout-after`, which bounds the whole wait for --until/--count')
            [CompletionResult]::new('--ndjson', '--ndjson', [CompletionResultType]::ParameterName, 'One JSON object per line (the default); --json prints one array instead')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print data as JSON on stdout (messages still go to stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request (method, URL, status, time) on stderr; never the key')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request (method, URL, status, time) on stderr; never the key')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'lpwh;inbox;clear' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The inbox database [default: <data dir>/inbox.sqlite]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Livepeer Studio API key (overrides the profile''s stored key)')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Studio API base URL [default: https://livepeer.studio/api]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile whose credentials and settings to use [default: default]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each Studio API call (for `check`, each request to the receiver). Not `listen --timeout-after`, which bounds the whole wait for --until/--count')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required without a terminal)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print data as JSON on stdout (messages still go to stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request (method, URL, status, time) on stderr; never the key')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request (method, URL, status, time) on stderr; never the key')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'lpwh;inbox;browse' {
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Where `r` replays and `c` copies to [default: asked once]')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'The webhook''s secret: its sharedSecret (for FastPix, the base64 signing secret). Prefer LPWH_WEBHOOK_SECRET: it keeps the secret out of `ps`')
            [CompletionResult]::new('--scheme', '--scheme', [CompletionResultType]::ParameterName, 'Signature scheme for replays')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The inbox database [default: <data dir>/inbox.sqlite]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Livepeer Studio API key (overrides the profile''s stored key)')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Studio API base URL [default: https://livepeer.studio/api]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile whose credentials and settings to use [default: default]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each Studio API call (for `check`, each request to the receiver). Not `listen --timeout-after`, which bounds the whole wait for --until/--count')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print data as JSON on stdout (messages still go to stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request (method, URL, status, time) on stderr; never the key')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request (method, URL, status, time) on stderr; never the key')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'lpwh;inbox;backfill' {
            [CompletionResult]::new('--webhook', '--webhook', [CompletionResultType]::ParameterName, 'Only this webhook: its id or a unique prefix (default: every webhook)')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'How far back: an age (30m, 2h, 7d) or an RFC 3339 time')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The inbox database [default: <data dir>/inbox.sqlite]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Livepeer Studio API key (overrides the profile''s stored key)')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Studio API base URL [default: https://livepeer.studio/api]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile whose credentials and settings to use [default: default]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each Studio API call (for `check`, each request to the receiver). Not `listen --timeout-after`, which bounds the whole wait for --until/--count')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print data as JSON on stdout (messages still go to stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request (method, URL, status, time) on stderr; never the key')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request (method, URL, status, time) on stderr; never the key')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'lpwh;inbox;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List recorded deliveries, newest first')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one delivery: headers, verdict, forward results and the pretty-printed body')
            [CompletionResult]::new('replay', 'replay', [CompletionResultType]::ParameterValue, 'Send a recorded delivery again, re-signed with a fresh timestamp (as Studio''s resend does)')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Print every delivery as JSON (NDJSON by default), raw bodies included as base64')
            [CompletionResult]::new('clear', 'clear', [CompletionResultType]::ParameterValue, 'Delete every recorded delivery')
            [CompletionResult]::new('browse', 'browse', [CompletionResultType]::ParameterValue, 'Look through the deliveries full-screen: move, open details, search, filter, follow')
            [CompletionResult]::new('backfill', 'backfill', [CompletionResultType]::ParameterValue, 'Import the deliveries Studio logged (while listen was not running, say) into the inbox')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'lpwh;inbox;help;list' {
            break
        }
        'lpwh;inbox;help;show' {
            break
        }
        'lpwh;inbox;help;replay' {
            break
        }
        'lpwh;inbox;help;export' {
            break
        }
        'lpwh;inbox;help;clear' {
            break
        }
        'lpwh;inbox;help;browse' {
            break
        }
        'lpwh;inbox;help;backfill' {
            break
        }
        'lpwh;inbox;help;help' {
            break
        }
        'lpwh;completions' {
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Livepeer Studio API key (overrides the profile''s stored key)')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Studio API base URL [default: https://livepeer.studio/api]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile whose credentials and settings to use [default: default]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each Studio API call (for `check`, each request to the receiver). Not `listen --timeout-after`, which bounds the whole wait for --until/--count')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print data as JSON on stdout (messages still go to stderr)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each HTTP request (method, URL, status, time) on stderr; never the key')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each HTTP request (method, URL, status, time) on stderr; never the key')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'lpwh;help' {
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Save an API key for a profile (checked with one API call first)')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Forget a profile''s stored API key')
            [CompletionResult]::new('profiles', 'profiles', [CompletionResultType]::ParameterValue, 'List profiles and where their keys are stored')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a webhook (a wizard on a terminal when flags are missing)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List webhooks')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Show one webhook')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change a webhook; fields you do not name are kept')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete one or more webhooks')
            [CompletionResult]::new('logs', 'logs', [CompletionResultType]::ParameterValue, 'Show a webhook''s delivery history, or one delivery in full')
            [CompletionResult]::new('resend', 'resend', [CompletionResultType]::ParameterValue, 'Ask Studio to send a logged delivery again')
            [CompletionResult]::new('health', 'health', [CompletionResultType]::ParameterValue, 'How deliveries went per webhook: success rates, failures by cause, latency (for cron and CI with --fail-under)')
            [CompletionResult]::new('event-types', 'event-types', [CompletionResultType]::ParameterValue, 'List the event types webhooks can subscribe to')
            [CompletionResult]::new('sign', 'sign', [CompletionResultType]::ParameterValue, 'Sign a body the way Studio (or another provider) would, for tests and CI')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check a signature header against a body and secret')
            [CompletionResult]::new('trigger', 'trigger', [CompletionResultType]::ParameterValue, 'Send a signed, realistic sample delivery of an event to a URL')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Grade a receiver against Studio''s delivery contract (signatures, retries, latency), for CI')
            [CompletionResult]::new('listen', 'listen', [CompletionResultType]::ParameterValue, 'Receive deliveries locally: verify, answer, print, forward')
            [CompletionResult]::new('inbox', 'inbox', [CompletionResultType]::ParameterValue, 'The deliveries listen recorded: list, show, replay, export, clear')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'lpwh;help;login' {
            break
        }
        'lpwh;help;logout' {
            break
        }
        'lpwh;help;profiles' {
            break
        }
        'lpwh;help;create' {
            break
        }
        'lpwh;help;list' {
            break
        }
        'lpwh;help;get' {
            break
        }
        'lpwh;help;update' {
            break
        }
        'lpwh;help;delete' {
            break
        }
        'lpwh;help;logs' {
            break
        }
        'lpwh;help;resend' {
            break
        }
        'lpwh;help;health' {
            break
        }
        'lpwh;help;event-types' {
            break
        }
        'lpwh;help;sign' {
            break
        }
        'lpwh;help;verify' {
            break
        }
        'lpwh;help;trigger' {
            break
        }
        'lpwh;help;check' {
            break
        }
        'lpwh;help;listen' {
            break
        }
        'lpwh;help;inbox' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List recorded deliveries, newest first')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one delivery: headers, verdict, forward results and the pretty-printed body')
            [CompletionResult]::new('replay', 'replay', [CompletionResultType]::ParameterValue, 'Send a recorded delivery again, re-signed with a fresh timestamp (as Studio''s resend does)')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Print every delivery as JSON (NDJSON by default), raw bodies included as base64')
            [CompletionResult]::new('clear', 'clear', [CompletionResultType]::ParameterValue, 'Delete every recorded delivery')
            [CompletionResult]::new('browse', 'browse', [CompletionResultType]::ParameterValue, 'Look through the deliveries full-screen: move, open details, search, filter, follow')
            [CompletionResult]::new('backfill', 'backfill', [CompletionResultType]::ParameterValue, 'Import the deliveries Studio logged (while listen was not running, say) into the inbox')
            break
        }
        'lpwh;help;inbox;list' {
            break
        }
        'lpwh;help;inbox;show' {
            break
        }
        'lpwh;help;inbox;replay' {
            break
        }
        'lpwh;help;inbox;export' {
            break
        }
        'lpwh;help;inbox;clear' {
            break
        }
        'lpwh;help;inbox;browse' {
            break
        }
        'lpwh;help;inbox;backfill' {
            break
        }
        'lpwh;help;completions' {
            break
        }
        'lpwh;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
