#Requires -Version 5.1
#
# rdpdiag-client.ps1: reads, on the computer a user connects from, what decides whether a Remote
# Desktop connection ending in "error code 0x904, extended error code 0x7" can succeed: the
# client's Windows and mstsc, its CredSSP and credential delegation policies, its VPN, and what
# the network path to the host does with ordinary and with full-size packets. It writes rdpdiag
# evidence (format version 1, described in docs/collect.md) for `rdpdiag import`.
#
# How to run it
#   - As the user who gets the error, in a normal (not elevated) Windows PowerShell 5.1 or
#     PowerShell 7 window, naming the host as the user types it in mstsc:
#         .\rdpdiag-client.ps1 -HostName rds01.corp.example.com
#         .\rdpdiag-client.ps1 -HostName 10.20.0.15 -Port 3390 -Redact
#     Kerberos tickets belong to the user's own logon; an elevated window or another account
#     would list other ones.
#   - Across many clients, from a management tool that runs scripts in the user's context
#     (Intune's "run this script using the logged on credentials", an RMM agent), with -OutFile
#     pointing at a folder it collects.
#
# What it never does
#   It changes no setting, installs nothing and requests no new Kerberos ticket. The only file it
#   writes is its output. On the network it resolves the host's name, opens one TCP connection to
#   the host's port (the port test adds a ping of its own when the port does not answer) and sends
#   14 echo requests, nothing else. It records no passwords, no key material and no documents.
#   With -Redact, computer names, user names and IP addresses are replaced by host-1, user-1,
#   address-1 in every string of the output but the format's own words (item ids, kinds, value
#   types), the same name always by the same placeholder.
#
# Written for Windows PowerShell 5.1 and PowerShell 7 alike, which is why it avoids the newer
# operators and builds every list by hand before serialising it.

[CmdletBinding()]
param(
    # The host as the user connects to it: DNS name, short name or address.
    [Parameter(Mandatory = $true)]
    [ValidatePattern('^[A-Za-z0-9._:%-]+$')]
    [string]$HostName,

    # The host's Remote Desktop port.
    [ValidateRange(1, 65535)]
    [int]$Port = 3389,

    # The evidence file. Default: rdpdiag-client-COMPUTER-yyyyMMddTHHmmssZ.json in the current folder.
    [string]$OutFile,

    # Replace computer names, user names and IP addresses by stable placeholders.
    [switch]$Redact
)

$script:CollectorName = 'rdpdiag-client.ps1'
$script:CollectorVersion = '1.0.0'
$script:Side = 'client'

# The two collectors share the helpers below by copy, not by a module: a management tool sends
# one file, and a second one would not be there.

# ---------------------------------------------------------------------------------------------
# Common helpers

function Get-UtcStamp {
    param($Time)
    if ($null -eq $Time) { $Time = [datetime]::UtcNow }
    return ([datetime]$Time).ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", [System.Globalization.CultureInfo]::InvariantCulture)
}

function Get-InnermostException {
    param($ErrorRecord)
    $exception = $null
    if ($ErrorRecord -is [System.Management.Automation.ErrorRecord]) { $exception = $ErrorRecord.Exception }
    elseif ($ErrorRecord -is [System.Exception]) { $exception = $ErrorRecord }
    # Method calls from PowerShell wrap the real exception; its message is the one worth keeping.
    while ($null -ne $exception -and $null -ne $exception.InnerException -and
        ($exception -is [System.Management.Automation.MethodInvocationException] -or
         $exception -is [System.AggregateException] -or
         $exception -is [System.Reflection.TargetInvocationException])) {
        $exception = $exception.InnerException
    }
    return $exception
}

function Get-ErrorKind {
    param($ErrorRecord)
    $exception = Get-InnermostException $ErrorRecord
    $category = ''
    $errorId = ''
    if ($ErrorRecord -is [System.Management.Automation.ErrorRecord]) {
        $category = [string]$ErrorRecord.CategoryInfo.Category
        $errorId = [string]$ErrorRecord.FullyQualifiedErrorId
    }
    $typeName = ''
    $message = ''
    if ($null -ne $exception) {
        $typeName = $exception.GetType().FullName
        $message = [string]$exception.Message
    }

    if ($exception -is [System.Management.Automation.CommandNotFoundException]) { return 'not-supported' }
    if ($exception -is [System.UnauthorizedAccessException] -or
        $exception -is [System.Security.SecurityException] -or
        $category -eq 'PermissionDenied' -or
        ($typeName -eq 'Microsoft.Management.Infrastructure.CimException' -and [string]$exception.NativeErrorCode -eq 'AccessDenied') -or
        ($exception -is [System.ComponentModel.Win32Exception] -and $exception.NativeErrorCode -eq 5) -or
        $message -match 'Access is denied|Access denied') {
        return 'access-denied'
    }
    if ($exception -is [System.TimeoutException] -or
        $exception -is [System.OperationCanceledException] -or
        ($exception -is [System.Net.WebException] -and [string]$exception.Status -eq 'Timeout') -or
        $category -eq 'OperationTimeout') {
        return 'timeout'
    }
    if ($exception -is [System.Management.Automation.ItemNotFoundException] -or
        $category -eq 'ObjectNotFound' -or
        $errorId -like 'NoMatchingLogsFound*') {
        return 'not-present'
    }
    return 'failed'
}

function Format-ItemResult {
    param([string]$Id, [string]$Kind, $Query, $Result)
    $item = [ordered]@{}
    $item['id'] = $Id
    $item['kind'] = $Kind
    $item['query'] = $Query
    $item['result'] = $Result
    $item['readAt'] = Get-UtcStamp
    return $item
}

function Format-ItemError {
    param([string]$Id, [string]$Kind, $Query, $ErrorRecord, [string]$ErrorKind, [string]$Message)
    if (-not $ErrorKind) { $ErrorKind = Get-ErrorKind $ErrorRecord }
    if (-not $Message) {
        $exception = Get-InnermostException $ErrorRecord
        if ($null -ne $exception) { $Message = [string]$exception.Message } else { $Message = [string]$ErrorRecord }
    }
    $item = [ordered]@{}
    $item['id'] = $Id
    $item['kind'] = $Kind
    $item['query'] = $Query
    $item['error'] = [ordered]@{ kind = $ErrorKind; message = $Message.Trim() }
    $item['readAt'] = Get-UtcStamp
    return $item
}

function Resolve-SystemTool {
    param([string]$Name)
    # A 32-bit PowerShell, as some management agents start, sees SysWOW64 in place of System32,
    # where several of these tools do not exist; Sysnative is the way back to the real folder.
    $sysnative = Join-Path $env:windir ('Sysnative\' + $Name)
    if ([Environment]::Is64BitOperatingSystem -and -not [Environment]::Is64BitProcess -and (Test-Path -LiteralPath $sysnative)) {
        return $sysnative
    }
    return (Join-Path $env:windir ('System32\' + $Name))
}

function Get-ConsoleEncoding {
    # Console tools print in the OEM code page; decoding them as UTF-8 would garble accented
    # letters in localised messages.
    try { return [System.Text.Encoding]::GetEncoding([System.Globalization.CultureInfo]::CurrentCulture.TextInfo.OEMCodePage) }
    catch { return $null }
}

function Invoke-NativeCommand {
    param([string]$FilePath, [string]$Arguments = '', [int]$TimeoutMs = 60000)
    # A process object rather than the call operator: it gives a time limit, and both output
    # streams without any redirection syntax.
    $startInfo = New-Object System.Diagnostics.ProcessStartInfo
    $startInfo.FileName = $FilePath
    $startInfo.Arguments = $Arguments
    $startInfo.UseShellExecute = $false
    $startInfo.CreateNoWindow = $true
    $startInfo.RedirectStandardOutput = $true
    $startInfo.RedirectStandardError = $true
    $encoding = Get-ConsoleEncoding
    if ($null -ne $encoding) {
        $startInfo.StandardOutputEncoding = $encoding
        $startInfo.StandardErrorEncoding = $encoding
    }
    $process = [System.Diagnostics.Process]::Start($startInfo)
    # Both streams are read at once: a tool that fills one pipe while the other is read alone
    # would block forever.
    $stdout = $process.StandardOutput.ReadToEndAsync()
    $stderr = $process.StandardError.ReadToEndAsync()
    if (-not $process.WaitForExit($TimeoutMs)) {
        # Only the tool this script started is ended, so that a hung query cannot hold the run.
        try { $process.Kill() } catch { }
        throw (New-Object System.TimeoutException(('{0} did not finish within {1} seconds.' -f [System.IO.Path]::GetFileName($FilePath), [int]($TimeoutMs / 1000))))
    }
    $process.WaitForExit()
    return [ordered]@{ ExitCode = $process.ExitCode; Output = [string]$stdout.Result; Error = [string]$stderr.Result }
}

function ConvertTo-ProviderPath {
    param([string]$Path)
    # The evidence names keys as reg.exe does (HKLM\...); the registry provider wants HKLM:\...
    if ($Path -match '^(HKLM|HKCU)\\') { return ($Path -replace '^(HKLM|HKCU)\\', '$1:\') }
    return $Path
}

function ConvertTo-RegistryResult {
    param($Key, [string]$Name)
    $kind = [string]$Key.GetValueKind($Name)
    # Not expanded: the evidence keeps a REG_EXPAND_SZ as it is stored.
    $raw = $Key.GetValue($Name, $null, [Microsoft.Win32.RegistryValueOptions]::DoNotExpandEnvironmentNames)
    $result = [ordered]@{}
    switch ($kind) {
        'DWord' {
            $result['type'] = 'REG_DWORD'
            # .NET hands a DWORD back as a signed number; 0xFFFFFFFF ("no limit") would read -1.
            $result['value'] = [BitConverter]::ToUInt32([BitConverter]::GetBytes([int32]$raw), 0)
        }
        'QWord' {
            $result['type'] = 'REG_QWORD'
            $result['value'] = [BitConverter]::ToUInt64([BitConverter]::GetBytes([int64]$raw), 0)
        }
        'String' { $result['type'] = 'REG_SZ'; $result['value'] = [string]$raw }
        'ExpandString' { $result['type'] = 'REG_EXPAND_SZ'; $result['value'] = [string]$raw }
        'MultiString' {
            $result['type'] = 'REG_MULTI_SZ'
            $strings = New-Object 'System.Collections.Generic.List[string]'
            foreach ($s in @($raw)) { $strings.Add([string]$s) }
            $result['value'] = $strings.ToArray()
        }
        'Binary' {
            $result['type'] = 'REG_BINARY'
            $hex = New-Object System.Text.StringBuilder
            foreach ($b in @($raw)) { [void]$hex.Append(([byte]$b).ToString('X2')) }
            $result['value'] = $hex.ToString()
        }
        default {
            $result['type'] = 'REG_NONE'
            $result['value'] = [string]$raw
        }
    }
    return $result
}

function Read-RegistryItem {
    param([string]$Id, [string]$Path, [string]$Name)
    $query = [ordered]@{ path = $Path; name = $Name }
    try {
        $providerPath = ConvertTo-ProviderPath $Path
        # Get-ItemProperty first: for a missing key or value it gives PowerShell's own message.
        [void](Get-ItemProperty -LiteralPath $providerPath -Name $Name -ErrorAction Stop)
        $key = Get-Item -LiteralPath $providerPath -ErrorAction Stop
        return (Format-ItemResult -Id $Id -Kind 'registry' -Query $query -Result (ConvertTo-RegistryResult -Key $key -Name $Name))
    }
    catch {
        $kind = Get-ErrorKind $_
        # A missing value is reported as an invalid argument, not as a missing object.
        if ($kind -eq 'failed' -and (Get-InnermostException $_) -is [System.Management.Automation.PSArgumentException]) { $kind = 'not-present' }
        return (Format-ItemError -Id $Id -Kind 'registry' -Query $query -ErrorRecord $_ -ErrorKind $kind)
    }
}

function Read-OsItem {
    param([string]$Id)
    $query = [ordered]@{ cmdlet = 'Get-CimInstance Win32_OperatingSystem' }
    try {
        $os = Get-CimInstance -ClassName Win32_OperatingSystem -ErrorAction Stop
        # The update revision is not in the WMI class; the CredSSP question needs it.
        $ubr = $null
        try { $ubr = [int](Get-ItemProperty -LiteralPath 'HKLM:\SOFTWARE\Microsoft\Windows NT\CurrentVersion' -Name UBR -ErrorAction Stop).UBR } catch { $ubr = $null }
        $result = [ordered]@{}
        $result['caption'] = ([string]$os.Caption).Trim()
        $result['version'] = [string]$os.Version
        $result['build'] = [int]$os.BuildNumber
        $result['ubr'] = $ubr
        $result['productType'] = [int]$os.ProductType
        return (Format-ItemResult -Id $Id -Kind 'os' -Query $query -Result $result)
    }
    catch { return (Format-ItemError -Id $Id -Kind 'os' -Query $query -ErrorRecord $_) }
}

function Read-CommandItem {
    param([string]$Id, [string]$Command, [scriptblock]$Run)
    $query = [ordered]@{ command = $Command }
    try {
        $outcome = & $Run
        $text = [string]$outcome.Output
        if ($text.Length -gt 4000) { $text = $text.Substring(0, 4000) }
        $result = [ordered]@{ exitCode = [int]$outcome.ExitCode; output = $text }
        return (Format-ItemResult -Id $Id -Kind 'command' -Query $query -Result $result)
    }
    catch { return (Format-ItemError -Id $Id -Kind 'command' -Query $query -ErrorRecord $_) }
}

# ---------------------------------------------------------------------------------------------
# Redaction

$script:RedactionNames = New-Object System.Collections.Generic.List[object]
$script:PlaceholderCounts = @{ host = 0; user = 0; address = 0 }
$script:AddressPlaceholders = @{}
# Addresses that name no one: the wildcard and loopback listeners and the Azure metadata address.
$script:AnonymousAddresses = @('0.0.0.0', '127.0.0.1', '169.254.169.254', '255.255.255.255', '::', '::1')

function Register-RedactionName {
    param([string]$Name, [ValidateSet('host', 'user')][string]$Kind)
    if ([string]::IsNullOrWhiteSpace($Name)) { return }
    $Name = $Name.Trim()
    # Too short a name would be found inside unrelated words.
    if ($Name.Length -lt 3) { return }
    $address = $null
    # Addresses get address placeholders from the address scan, not host ones.
    if ([System.Net.IPAddress]::TryParse($Name, [ref]$address)) { return }
    $placeholder = $null
    foreach ($entry in $script:RedactionNames) {
        if ([string]::Equals($entry.Name, $Name, [System.StringComparison]::OrdinalIgnoreCase)) { return }
        # A computer's short name and its DNS name are one computer, so one placeholder.
        if ($Kind -eq 'host' -and $entry.Placeholder -like 'host-*' -and
            [string]::Equals($entry.Name.Split('.')[0], $Name.Split('.')[0], [System.StringComparison]::OrdinalIgnoreCase)) {
            $placeholder = $entry.Placeholder
        }
    }
    if ($null -eq $placeholder) {
        $script:PlaceholderCounts[$Kind] = $script:PlaceholderCounts[$Kind] + 1
        $placeholder = '{0}-{1}' -f $Kind, $script:PlaceholderCounts[$Kind]
    }
    $pattern = '(?<![A-Za-z0-9_-])' + [regex]::Escape($Name) + '(?![A-Za-z0-9_-])'
    $script:RedactionNames.Add([pscustomobject]@{ Name = $Name; Pattern = $pattern; Placeholder = $placeholder })
}

function Get-AddressPlaceholder {
    param([string]$Address)
    $key = $Address.ToLowerInvariant()
    if (-not $script:AddressPlaceholders.ContainsKey($key)) {
        $script:PlaceholderCounts['address'] = $script:PlaceholderCounts['address'] + 1
        $script:AddressPlaceholders[$key] = 'address-{0}' -f $script:PlaceholderCounts['address']
    }
    return $script:AddressPlaceholders[$key]
}

function Protect-Text {
    param([string]$Text)
    if ([string]::IsNullOrEmpty($Text)) { return $Text }
    $value = $Text
    # Longest names first, so that a computer's full DNS name goes before its short name.
    foreach ($entry in ($script:RedactionNames | Sort-Object { $_.Name.Length } -Descending)) {
        $value = [regex]::Replace($value, $entry.Pattern, $entry.Placeholder, [System.Text.RegularExpressions.RegexOptions]::IgnoreCase)
    }
    # Dotted numbers inside longer dotted runs (certificate OIDs, version numbers) are not
    # addresses; a full stop that ends a sentence does not make one part of such a run.
    $value = [regex]::Replace($value, '(?<!\d)(?<!\d\.)(?:\d{1,3}\.){3}\d{1,3}(?!\d)(?!\.\d)', {
            param($match)
            $address = $null
            if ([System.Net.IPAddress]::TryParse($match.Value, [ref]$address) -and $script:AnonymousAddresses -notcontains $match.Value) {
                return (Get-AddressPlaceholder $match.Value)
            }
            return $match.Value
        })
    $value = [regex]::Replace($value, '(?<![0-9A-Za-z:.])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?:%[0-9A-Za-z]+)?(?![0-9A-Za-z:])(?!\.[0-9A-Za-z])', {
            param($match)
            $address = $null
            $bare = $match.Value.Split('%')[0]
            if ([System.Net.IPAddress]::TryParse($bare, [ref]$address) -and $script:AnonymousAddresses -notcontains $bare) {
                return (Get-AddressPlaceholder $match.Value)
            }
            return $match.Value
        })
    return $value
}

# Fields that only name the format, an item or a kind of value: a computer or user that happens
# to share a word with them must not turn them into placeholders.
$script:StructuralKeys = @('format', 'side', 'collector', 'id', 'kind', 'type')

function Protect-Structure {
    param($Node)
    if ($Node -is [System.Collections.IDictionary]) {
        foreach ($key in @($Node.Keys)) {
            if ($script:StructuralKeys -contains $key) { continue }
            $value = $Node[$key]
            if ($value -is [string]) { $Node[$key] = Protect-Text $value }
            else { Protect-Structure $value }
        }
    }
    elseif ($Node -is [System.Array]) {
        for ($i = 0; $i -lt $Node.Length; $i++) {
            $value = $Node[$i]
            if ($value -is [string]) { $Node[$i] = Protect-Text $value }
            else { Protect-Structure $value }
        }
    }
}

function Register-LocalNames {
    Register-RedactionName -Name $env:COMPUTERNAME -Kind host
    try {
        $properties = [System.Net.NetworkInformation.IPGlobalProperties]::GetIPGlobalProperties()
        if ($properties.DomainName) { Register-RedactionName -Name ('{0}.{1}' -f $properties.HostName, $properties.DomainName) -Kind host }
    }
    catch { }
    # Under SYSTEM the user name is the computer account (NAME$), already covered by the host name.
    if ($env:USERNAME -and -not $env:USERNAME.EndsWith('$')) { Register-RedactionName -Name $env:USERNAME -Kind user }
}

# ---------------------------------------------------------------------------------------------
# Client items

function Read-FileVersionItem {
    param([string]$Id, [string]$Path)
    $query = [ordered]@{ path = $Path }
    try {
        $resolved = [Environment]::ExpandEnvironmentVariables($Path)
        if ($resolved -like '*\System32\*') {
            $resolved = Resolve-SystemTool ($resolved.Substring($resolved.IndexOf('\System32\', [System.StringComparison]::OrdinalIgnoreCase) + 10))
        }
        $file = Get-Item -LiteralPath $resolved -ErrorAction Stop
        return (Format-ItemResult -Id $Id -Kind 'file-version' -Query $query -Result ([ordered]@{ productVersion = [string]$file.VersionInfo.ProductVersion }))
    }
    catch { return (Format-ItemError -Id $Id -Kind 'file-version' -Query $query -ErrorRecord $_) }
}

# Adapters of the VPN clients in common use, by name or driver description. Several vendors'
# drivers do not carry the product's name (Palo Alto's is "PANGP", WireGuard-based clients use
# "Wintun"), so those words are listed too.
$script:VpnAdapterPattern = '\bPPP\b|WAN Miniport|\bTAP\b|TAP-Windows|WireGuard|Wintun|OpenVPN|Fortinet|AnyConnect|Cisco Secure Client|GlobalProtect|PANGP|Zscaler'

function Read-AdaptersItem {
    param([string]$Id)
    $query = [ordered]@{ cmdlet = 'Get-NetAdapter' }
    try {
        $adapters = @(Get-NetAdapter -ErrorAction Stop)
        $list = New-Object System.Collections.Generic.List[object]
        foreach ($adapter in $adapters) {
            $entry = [ordered]@{}
            $entry['name'] = [string]$adapter.Name
            $entry['description'] = [string]$adapter.InterfaceDescription
            $entry['status'] = [string]$adapter.Status
            $entry['vpn'] = (('{0} {1}' -f $adapter.Name, $adapter.InterfaceDescription) -match $script:VpnAdapterPattern)
            $list.Add($entry)
        }
        return (Format-ItemResult -Id $Id -Kind 'adapters' -Query $query -Result $list.ToArray())
    }
    catch { return (Format-ItemError -Id $Id -Kind 'adapters' -Query $query -ErrorRecord $_) }
}

function Read-VpnConnectionsItem {
    param([string]$Id)
    $query = [ordered]@{ cmdlet = 'Get-VpnConnection' }
    try {
        $list = New-Object System.Collections.Generic.List[object]
        # Profiles made for all users are not listed without -AllUserConnection, and they are
        # the ones companies deploy.
        foreach ($allUsers in @($false, $true)) {
            $connections = @()
            try {
                if ($allUsers) { $connections = @(Get-VpnConnection -AllUserConnection -ErrorAction Stop) }
                else { $connections = @(Get-VpnConnection -ErrorAction Stop) }
            }
            catch {
                if ([string]$_.CategoryInfo.Category -ne 'ObjectNotFound') { throw }
            }
            foreach ($connection in $connections) {
                $entry = [ordered]@{}
                $entry['name'] = [string]$connection.Name
                $entry['tunnelType'] = [string]$connection.TunnelType
                $entry['connectionStatus'] = [string]$connection.ConnectionStatus
                $list.Add($entry)
            }
        }
        return (Format-ItemResult -Id $Id -Kind 'vpn-connections' -Query $query -Result $list.ToArray())
    }
    catch { return (Format-ItemError -Id $Id -Kind 'vpn-connections' -Query $query -ErrorRecord $_) }
}

function Read-TcpTestItem {
    param([string]$Id, [string]$TargetHost, [int]$TargetPort)
    $query = [ordered]@{ host = $TargetHost; port = $TargetPort }
    try {
        # Its warnings ("TCP connect ... failed") repeat what the result already says.
        $test = Test-NetConnection -ComputerName $TargetHost -Port $TargetPort -WarningAction SilentlyContinue -ErrorAction Stop
        $remoteAddress = $null
        if ($null -ne $test.RemoteAddress) { $remoteAddress = [string]$test.RemoteAddress }
        $result = [ordered]@{ tcpTestSucceeded = [bool]$test.TcpTestSucceeded; remoteAddress = $remoteAddress }
        return (Format-ItemResult -Id $Id -Kind 'tcp-test' -Query $query -Result $result)
    }
    catch { return (Format-ItemError -Id $Id -Kind 'tcp-test' -Query $query -ErrorRecord $_) }
}

function Read-PingItem {
    param([string]$Id, [string]$TargetHost, [int]$Count, [int]$Size, [bool]$DontFragment)
    $query = [ordered]@{ host = $TargetHost; count = $Count; size = $Size; dontFragment = $DontFragment }
    try {
        # ping.exe, not Test-Connection: Windows PowerShell 5.1's Test-Connection has no
        # -DontFragment and returns WMI ping objects, PowerShell 7's has it but differs in its
        # other parameters (-BufferSize among them) and in what it returns; ping.exe sends the
        # same packets under both. -f exists for IPv4 only, hence -4 with it.
        # 32 bytes is ping's own size, so the plain test is the plain command.
        $arguments = '-n {0}' -f $Count
        if ($Size -ne 32) { $arguments = $arguments + (' -l {0}' -f $Size) }
        if ($DontFragment) { $arguments = $arguments + ' -f -4' }
        $arguments = $arguments + ' ' + $TargetHost
        # A lost reply takes four seconds.
        $run = Invoke-NativeCommand -FilePath (Resolve-SystemTool 'ping.exe') -Arguments $arguments -TimeoutMs (($Count * 5000) + 30000)
        $lines = @(([string]$run.Output) -split "`r?`n")
        # ping's words are translated; its numbers and the "ms" unit are not. The statistics
        # line is the one with three "= n," counts (sent, received, lost).
        $sent = $null
        foreach ($line in $lines) {
            if ($line -match '=\s*(\d+),[^=]*=\s*(\d+),[^=]*=\s*(\d+)') { $sent = [int]$Matches[1]; break }
        }
        if ($null -eq $sent) {
            $firstLine = @($lines | Where-Object { $_.Trim() -ne '' })
            $message = 'ping.exe printed no statistics.'
            if ($firstLine.Count -gt 0) { $message = $firstLine[0].Trim() }
            return (Format-ItemError -Id $Id -Kind 'ping' -Query $query -ErrorKind 'failed' -Message $message)
        }
        # A reply line carries exactly one time ("time=12ms", "time<1ms"); the summary line
        # carries three. ping's own "Received" also counts "Destination host unreachable"
        # answers from routers, which are not replies of the host.
        $times = New-Object 'System.Collections.Generic.List[int]'
        foreach ($line in $lines) {
            $found = [regex]::Matches($line, '([=<])\s*(\d+)\s*ms\b')
            if ($found.Count -eq 1) {
                if ($found[0].Groups[1].Value -eq '<') { $times.Add(0) }
                else { $times.Add([int]$found[0].Groups[2].Value) }
            }
        }
        $average = $null
        if ($times.Count -gt 0) {
            $sum = 0
            foreach ($t in $times) { $sum = $sum + $t }
            $average = [int][math]::Round($sum / $times.Count)
        }
        $result = [ordered]@{ sent = $sent; received = $times.Count; averageMs = $average }
        return (Format-ItemResult -Id $Id -Kind 'ping' -Query $query -Result $result)
    }
    catch { return (Format-ItemError -Id $Id -Kind 'ping' -Query $query -ErrorRecord $_) }
}

function Register-KerberosNames {
    param([string]$Text)
    # klist names the user, the domain controller and the servers tickets were issued for.
    foreach ($line in ($Text -split "`r?`n")) {
        if ($line -match '^\s*#\d+.\s*Client:\s*([^@\s]+)\s*@') { Register-RedactionName -Name $Matches[1] -Kind user }
        elseif ($line -match '^\s*Kdc Called:\s*(\S+)') { Register-RedactionName -Name $Matches[1] -Kind host }
        elseif ($line -match '^\s*Server:\s*[^/\s]+/([^@\s:/]+)') {
            $serverName = $Matches[1]
            # krbtgt/REALM names the domain, not a computer.
            if ($line -notmatch 'Server:\s*krbtgt/') { Register-RedactionName -Name $serverName -Kind host }
        }
    }
}

# ---------------------------------------------------------------------------------------------
# The run

$collectedAt = Get-UtcStamp
$items = New-Object System.Collections.Generic.List[object]
$delegation = 'HKLM\SOFTWARE\Policies\Microsoft\Windows\CredentialsDelegation'

$items.Add((Read-OsItem -Id 'os'))
$items.Add((Read-FileVersionItem -Id 'mstsc-version' -Path '%windir%\System32\mstsc.exe'))
$items.Add((Read-RegistryItem -Id 'credssp-allow-encryption-oracle' -Path 'HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Policies\System\CredSSP\Parameters' -Name 'AllowEncryptionOracle'))
# The delegation policy is two values: whether it is on, and which mode it requires. A registry
# item holds one value, so the mode is an item of its own.
$items.Add((Read-RegistryItem -Id 'delegation-policy' -Path $delegation -Name 'RestrictedRemoteAdministration'))
$items.Add((Read-RegistryItem -Id 'delegation-policy-type' -Path $delegation -Name 'RestrictedRemoteAdministrationType'))
$items.Add((Read-RegistryItem -Id 'client-udp-policy' -Path 'HKLM\SOFTWARE\Policies\Microsoft\Windows NT\Terminal Services\Client' -Name 'fClientDisableUDP'))
$items.Add((Read-RegistryItem -Id 'server-authentication-policy' -Path 'HKLM\SOFTWARE\Policies\Microsoft\Windows NT\Terminal Services' -Name 'AuthenticationLevel'))
$items.Add((Read-CommandItem -Id 'kerberos-tickets' -Command 'klist' -Run {
            # Listing only: klist without arguments asks the KDC for nothing.
            $listing = Invoke-NativeCommand -FilePath (Resolve-SystemTool 'klist.exe') -TimeoutMs 30000
            [ordered]@{ ExitCode = $listing.ExitCode; Output = ([string]$listing.Output + [string]$listing.Error) }
        }))
$items.Add((Read-CommandItem -Id 'join-state' -Command 'dsregcmd /status' -Run {
            # dsregcmd /status only reports; the join lines alone are kept, which leaves the tenant
            # and user details of its output behind.
            $run = Invoke-NativeCommand -FilePath (Resolve-SystemTool 'dsregcmd.exe') -Arguments '/status' -TimeoutMs 30000
            $joinLines = @(([string]$run.Output -split "`r?`n") | Where-Object { $_ -match '^\s*(AzureAdJoined|EnterpriseJoined|DomainJoined|WorkplaceJoined)\s*:' } | ForEach-Object { $_.Trim() })
            [ordered]@{ ExitCode = $run.ExitCode; Output = ($joinLines -join "`n") }
        }))
$items.Add((Read-AdaptersItem -Id 'vpn-adapters'))
$items.Add((Read-VpnConnectionsItem -Id 'vpn-connections'))
$items.Add((Read-TcpTestItem -Id 'host-port' -TargetHost $HostName -TargetPort $Port))
$items.Add((Read-PingItem -Id 'host-ping' -TargetHost $HostName -Count 10 -Size 32 -DontFragment $false))
# 1,372 bytes of data make a 1,400-byte packet: what fits through common VPN tunnels, and what a
# path that silently drops full-size packets loses.
$items.Add((Read-PingItem -Id 'host-ping-large-df' -TargetHost $HostName -Count 4 -Size 1372 -DontFragment $true))

$document = [ordered]@{}
$document['format'] = 'rdpdiag-evidence'
$document['version'] = 1
$document['side'] = $script:Side
$document['collector'] = [ordered]@{ name = $script:CollectorName; version = $script:CollectorVersion; powershell = $PSVersionTable.PSVersion.ToString() }
$document['computer'] = $env:COMPUTERNAME
$document['collectedAt'] = $collectedAt
$document['redacted'] = [bool]$Redact.IsPresent
$document['target'] = [ordered]@{ host = $HostName; port = $Port }
$document['items'] = $items.ToArray()

$computerForName = $env:COMPUTERNAME
if ($Redact.IsPresent) {
    Register-LocalNames
    Register-RedactionName -Name $HostName -Kind host
    foreach ($item in $items) {
        if ($item['id'] -eq 'kerberos-tickets' -and $item.Contains('result')) { Register-KerberosNames ([string]$item['result']['output']) }
    }
    Protect-Structure $document
    $computerForName = $document['computer']
}

if (-not $OutFile) {
    $OutFile = 'rdpdiag-{0}-{1}-{2}.json' -f $script:Side, $computerForName, ([datetime]::UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", [System.Globalization.CultureInfo]::InvariantCulture))
}
# .NET resolves relative paths against the process folder, not PowerShell's current location.
$outPath = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($OutFile)
$json = ConvertTo-Json -InputObject $document -Depth 8
[System.IO.File]::WriteAllText($outPath, $json, (New-Object System.Text.UTF8Encoding($false)))

$failed = @($items | Where-Object { $_.Contains('error') -and $_['error']['kind'] -ne 'not-present' }).Count
Write-Verbose ('{0} items read, {1} with an error other than not-present.' -f $items.Count, $failed)
$outPath
