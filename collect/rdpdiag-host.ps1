#Requires -Version 5.1
#
# rdpdiag-host.ps1: reads, on the computer being connected to, what decides whether a Remote
# Desktop connection ending in "error code 0x904, extended error code 0x7" can succeed, and writes
# it as rdpdiag evidence (format version 1, described in docs/collect.md). `rdpdiag import` turns
# the file into facts for `rdpdiag diagnose`.
#
# How to run it
#   - In an elevated Windows PowerShell 5.1 or PowerShell 7 window on the host:
#         .\rdpdiag-host.ps1                    (file in the current folder)
#         .\rdpdiag-host.ps1 -Redact -OutFile C:\Temp\host.json
#     Without elevation it still runs, but the items that need an administrator (the key file's
#     permissions, the licensing grace period) come back as access-denied.
#   - On an Azure VM nobody can reach by Remote Desktop, through the VM agent, which runs the
#     script as SYSTEM:
#         Invoke-AzVMRunCommand -ResourceGroupName RG -VMName VM -CommandId RunPowerShellScript -ScriptPath .\rdpdiag-host.ps1 -Parameter @{OutFile='C:\Windows\Temp\rdpdiag-host.json'}
#         az vm run-command invoke -g RG -n VM --command-id RunPowerShellScript --scripts @rdpdiag-host.ps1 --parameters "OutFile=C:\Windows\Temp\rdpdiag-host.json"
#     The action's own output keeps only the last 4,096 bytes, so fetch the file afterwards (the
#     managed Run Command can send a script's output to a storage blob, or read it from the
#     Serial Console).
#   - Across a fleet, from a management tool that runs a script on each computer as SYSTEM
#     (Configuration Manager, Intune, an RMM agent), with -OutFile pointing at a folder it collects.
#
# What it never does
#   It changes no setting, starts or stops no service, opens no private key for use and modifies
#   no certificate or permission. The only file it writes is its output. The one network request
#   it makes itself goes to the Azure instance metadata address (169.254.169.254, one second at
#   most) to tell an Azure VM from any other computer; answering the secure-channel question may
#   make Windows talk to a domain controller. It records no passwords, no key material and no
#   documents.
#   With -Redact, computer names, user names and IP addresses are replaced by host-1, user-1,
#   address-1 in every string of the output but the format's own words (item ids, kinds, value
#   types), the same name always by the same placeholder.
#
# Written for Windows PowerShell 5.1 and PowerShell 7 alike, which is why it avoids the newer
# operators and builds every list by hand before serialising it.

[CmdletBinding()]
param(
    # The evidence file. Default: rdpdiag-host-COMPUTER-yyyyMMddTHHmmssZ.json in the current folder.
    [string]$OutFile,

    # Replace computer names, user names and IP addresses by stable placeholders.
    [switch]$Redact
)

$script:CollectorName = 'rdpdiag-host.ps1'
$script:CollectorVersion = '1.1.0'
$script:Side = 'host'

# The two collectors share the helpers below by copy, not by a module: a Run Command or a
# management tool sends one file, and a second one would not be there.

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
# Host items

function Get-ServiceStartType {
    param($Service)
    $startType = [string]$Service.StartType
    if (-not $startType) {
        # The StartType property needs .NET 4.6.1; older frameworks under 5.1 lack it.
        $mode = [string](Get-CimInstance -ClassName Win32_Service -Filter ("Name = '{0}'" -f $Service.Name) -ErrorAction Stop).StartMode
        if ($mode -eq 'Auto') { $startType = 'Automatic' } else { $startType = $mode }
    }
    return $startType
}

function Read-ServiceItem {
    param([string]$Id, [string]$Name)
    $query = [ordered]@{ name = $Name }
    try {
        $service = Get-Service -Name $Name -ErrorAction Stop
        $result = [ordered]@{ status = [string]$service.Status; startType = (Get-ServiceStartType $service) }
        return (Format-ItemResult -Id $Id -Kind 'service' -Query $query -Result $result)
    }
    catch { return (Format-ItemError -Id $Id -Kind 'service' -Query $query -ErrorRecord $_) }
}

function Read-ServiceDependenciesItem {
    param([string]$Id, [string]$Name)
    $query = [ordered]@{ name = $Name; cmdlet = ('Get-Service {0} -RequiredServices' -f $Name) }
    try {
        # The services this one needs started first (its DependOnService value, as the service
        # manager resolved it); only their state is read.
        $required = @(Get-Service -Name $Name -RequiredServices -ErrorAction Stop)
        $list = New-Object System.Collections.Generic.List[object]
        foreach ($service in $required) {
            $entry = [ordered]@{}
            $entry['name'] = [string]$service.Name
            $entry['displayName'] = [string]$service.DisplayName
            $entry['status'] = [string]$service.Status
            $entry['startType'] = Get-ServiceStartType $service
            $list.Add($entry)
        }
        return (Format-ItemResult -Id $Id -Kind 'service-dependencies' -Query $query -Result $list.ToArray())
    }
    catch { return (Format-ItemError -Id $Id -Kind 'service-dependencies' -Query $query -ErrorRecord $_) }
}

function Read-RegistryTreeItem {
    param([string]$Id, [string]$Path)
    $query = [ordered]@{ path = $Path }
    try {
        if ($Path -notmatch '^HKLM\\(.+)$') { throw ('Only HKLM paths are read: {0}' -f $Path) }
        # The .NET registry API, opened for reading only: the registry provider takes the slash in
        # key names such as 'AES 128/128' for a path separator.
        $root = [Microsoft.Win32.Registry]::LocalMachine.OpenSubKey($Matches[1], $false)
        if ($null -eq $root) {
            return (Format-ItemError -Id $Id -Kind 'registry-tree' -Query $query -ErrorKind 'not-present' -Message ('The key {0} does not exist.' -f $Path))
        }
        $keys = New-Object 'System.Collections.Generic.List[string]'
        $values = New-Object System.Collections.Generic.List[object]
        $pending = New-Object System.Collections.Generic.Queue[object]
        $pending.Enqueue(@('', $root))
        while ($pending.Count -gt 0) {
            $next = $pending.Dequeue()
            $relative = [string]$next[0]
            $key = $next[1]
            try {
                if ($relative) { $keys.Add($relative) }
                foreach ($valueName in $key.GetValueNames()) {
                    $entry = [ordered]@{}
                    $entry['key'] = $relative
                    $entry['name'] = $valueName
                    $read = ConvertTo-RegistryResult -Key $key -Name $valueName
                    $entry['type'] = $read['type']
                    $entry['value'] = $read['value']
                    $values.Add($entry)
                }
                foreach ($subName in $key.GetSubKeyNames()) {
                    $sub = $key.OpenSubKey($subName, $false)
                    if ($null -eq $sub) { continue }
                    if ($relative) { $childPath = $relative + '\' + $subName } else { $childPath = $subName }
                    $pending.Enqueue(@($childPath, $sub))
                }
            }
            finally {
                if ($key -ne $root) { $key.Close() }
            }
        }
        $root.Close()
        $result = [ordered]@{ keys = $keys.ToArray(); values = $values.ToArray() }
        return (Format-ItemResult -Id $Id -Kind 'registry-tree' -Query $query -Result $result)
    }
    catch { return (Format-ItemError -Id $Id -Kind 'registry-tree' -Query $query -ErrorRecord $_) }
}

function Read-ListenerItem {
    param([string]$Id, [int]$Port)
    $query = [ordered]@{ port = $Port }
    try {
        $connections = @()
        try { $connections = @(Get-NetTCPConnection -State Listen -LocalPort $Port -ErrorAction Stop) }
        catch {
            # Nothing listening is an answer (an empty list), not a failure.
            if ([string]$_.CategoryInfo.Category -ne 'ObjectNotFound') { throw }
        }
        $listeners = New-Object System.Collections.Generic.List[object]
        foreach ($connection in $connections) {
            $owner = [int]$connection.OwningProcess
            $processName = $null
            try { $processName = [string](Get-Process -Id $owner -ErrorAction Stop).ProcessName } catch { $processName = $null }
            # svchost hosts many services; the service names tell TermService from a port grabber.
            $services = New-Object 'System.Collections.Generic.List[string]'
            try {
                foreach ($service in @(Get-CimInstance -ClassName Win32_Service -Filter ('ProcessId = {0}' -f $owner) -ErrorAction Stop)) {
                    $services.Add([string]$service.Name)
                }
            }
            catch { }
            $entry = [ordered]@{}
            $entry['localAddress'] = [string]$connection.LocalAddress
            $entry['localPort'] = [int]$connection.LocalPort
            $entry['owningProcess'] = $owner
            $entry['processName'] = $processName
            $entry['services'] = $services.ToArray()
            $listeners.Add($entry)
        }
        return (Format-ItemResult -Id $Id -Kind 'listener' -Query $query -Result $listeners.ToArray())
    }
    catch { return (Format-ItemError -Id $Id -Kind 'listener' -Query $query -ErrorRecord $_) }
}

function Get-CertificateKeyFile {
    param($Certificate)
    if (-not $Certificate.HasPrivateKey) { return $null }
    # Only the key container's name is asked for, to find its file; the key is not used. An
    # account that may not open the key gets no name, and the self-signed key is then found by
    # its fixed file name prefix instead.
    try {
        $rsa = [System.Security.Cryptography.X509Certificates.RSACertificateExtensions]::GetRSAPrivateKey($Certificate)
        if ($rsa -is [System.Security.Cryptography.RSACng]) { return [string]$rsa.Key.UniqueName }
        if ($rsa -is [System.Security.Cryptography.RSACryptoServiceProvider]) { return [string]$rsa.CspKeyContainerInfo.UniqueKeyContainerName }
    }
    catch { }
    return $null
}

function Read-CertificateItem {
    param([string]$Id, [string]$Thumbprint)
    $store = 'Remote Desktop'
    $query = [ordered]@{ store = $store; thumbprint = $null }
    if ($Thumbprint) { $query['thumbprint'] = $Thumbprint }
    try {
        $certificate = $null
        if ($Thumbprint) {
            # A configured certificate usually sits in the computer's personal store, a self-signed
            # one in 'Remote Desktop'.
            foreach ($candidate in @('Remote Desktop', 'My')) {
                $path = 'Cert:\LocalMachine\{0}\{1}' -f $candidate, $Thumbprint
                if (Test-Path -LiteralPath $path) {
                    $certificate = Get-Item -LiteralPath $path -ErrorAction Stop
                    $query['store'] = $candidate
                    break
                }
            }
            if ($null -eq $certificate) {
                # Asked again only for PowerShell's own wording of "not there".
                [void](Get-Item -LiteralPath ('Cert:\LocalMachine\Remote Desktop\{0}' -f $Thumbprint) -ErrorAction Stop)
            }
        }
        else {
            # No thumbprint configured: the listener uses the self-signed certificate Windows
            # keeps in 'Remote Desktop'; after a failed renewal the store can hold more than one.
            $certificate = Get-ChildItem -LiteralPath 'Cert:\LocalMachine\Remote Desktop' -ErrorAction Stop |
                Sort-Object -Property NotAfter -Descending | Select-Object -First 1
            if ($null -eq $certificate) {
                return (Format-ItemError -Id $Id -Kind 'certificate' -Query $query -ErrorKind 'not-present' -Message 'The certificate store Cert:\LocalMachine\Remote Desktop holds no certificate.')
            }
        }
        $usages = New-Object 'System.Collections.Generic.List[string]'
        foreach ($extension in $certificate.Extensions) {
            if ($extension -is [System.Security.Cryptography.X509Certificates.X509EnhancedKeyUsageExtension]) {
                foreach ($oid in $extension.EnhancedKeyUsages) { $usages.Add([string]$oid.Value) }
            }
        }
        $result = [ordered]@{}
        $result['subject'] = [string]$certificate.Subject
        $result['issuer'] = [string]$certificate.Issuer
        $result['notBefore'] = Get-UtcStamp $certificate.NotBefore
        $result['notAfter'] = Get-UtcStamp $certificate.NotAfter
        $result['thumbprint'] = [string]$certificate.Thumbprint
        $result['hasPrivateKey'] = [bool]$certificate.HasPrivateKey
        $result['keyFile'] = Get-CertificateKeyFile $certificate
        $result['enhancedKeyUsage'] = $usages.ToArray()
        return (Format-ItemResult -Id $Id -Kind 'certificate' -Query $query -Result $result)
    }
    catch { return (Format-ItemError -Id $Id -Kind 'certificate' -Query $query -ErrorRecord $_) }
}

function Find-CertificateKeyFile {
    param($CertificateItem)
    $machineKeys = Join-Path $env:ProgramData 'Microsoft\Crypto\RSA\MachineKeys'
    if (-not $CertificateItem.Contains('result')) { return $null }
    $keyFile = $CertificateItem['result']['keyFile']
    if ($keyFile) {
        # Keys made by the newer key storage provider live in Crypto\Keys, not in MachineKeys.
        foreach ($folder in @($machineKeys, (Join-Path $env:ProgramData 'Microsoft\Crypto\Keys'))) {
            $path = Join-Path $folder $keyFile
            if (Test-Path -LiteralPath $path) { return $path }
        }
    }
    # The self-signed Remote Desktop key always has this container hash (of "TSSecKeySet1"),
    # followed by the machine GUID.
    if ($CertificateItem['query']['store'] -eq 'Remote Desktop' -and $CertificateItem['result']['subject'] -eq $CertificateItem['result']['issuer']) {
        $found = @(Get-ChildItem -LiteralPath $machineKeys -Filter 'f686aace6942fb7f7ceb231212eef4a4_*' -ErrorAction SilentlyContinue)
        if ($found.Count -gt 0) { return $found[0].FullName }
    }
    return $null
}

function Read-AclItem {
    param([string]$Id, [string]$Path)
    $query = [ordered]@{ path = $Path }
    try {
        $acl = Get-Acl -LiteralPath $Path -ErrorAction Stop
        $access = New-Object System.Collections.Generic.List[object]
        foreach ($rule in $acl.Access) {
            $entry = [ordered]@{}
            $entry['identity'] = [string]$rule.IdentityReference.Value
            $entry['rights'] = [string]$rule.FileSystemRights
            $entry['type'] = [string]$rule.AccessControlType
            $access.Add($entry)
        }
        $result = [ordered]@{ owner = [string]$acl.Owner; access = $access.ToArray() }
        return (Format-ItemResult -Id $Id -Kind 'acl' -Query $query -Result $result)
    }
    catch { return (Format-ItemError -Id $Id -Kind 'acl' -Query $query -ErrorRecord $_) }
}

function Read-EventsItem {
    param([string]$Id, [string]$Log, [int[]]$Ids, [int]$Days)
    $query = [ordered]@{ log = $Log; ids = $Ids; days = $Days }
    try {
        $events = @()
        try {
            $filter = @{ LogName = $Log; Id = $Ids; StartTime = (Get-Date).AddDays(-$Days) }
            $events = @(Get-WinEvent -FilterHashtable $filter -ErrorAction Stop)
        }
        catch {
            # A search that finds nothing is the answer "none", which the diagnosis needs as much.
            if ([string]$_.FullyQualifiedErrorId -notlike 'NoMatchingEventsFound*') { throw }
        }
        $perId = @{}
        $found = New-Object System.Collections.Generic.List[object]
        foreach ($record in ($events | Sort-Object -Property TimeCreated -Descending)) {
            $eventId = [int]$record.Id
            if (-not $perId.ContainsKey($eventId)) { $perId[$eventId] = 0 }
            if ($perId[$eventId] -ge 20) { continue }
            $perId[$eventId] = $perId[$eventId] + 1
            $entry = [ordered]@{}
            $entry['id'] = $eventId
            $entry['time'] = Get-UtcStamp $record.TimeCreated
            $entry['provider'] = [string]$record.ProviderName
            if ($eventId -eq 36874 -or $eventId -eq 36888) {
                # What Schannel refused: 36888 carries the TLS alert code as its first value, 36874
                # the TLS version of the request. The values are the same in every language.
                $values = New-Object 'System.Collections.Generic.List[string]'
                foreach ($property in @($record.Properties)) { $values.Add([string]$property.Value) }
                $entry['data'] = $values.ToArray()
            }
            if ($eventId -eq 36888) {
                # A few sentences without names or addresses, kept for the alert code in words.
                $text = $null
                try { $text = [string]$record.Message } catch { $text = $null }
                if ($text) { $entry['message'] = ($text -replace '\s+', ' ').Trim() }
            }
            $found.Add($entry)
        }
        return (Format-ItemResult -Id $Id -Kind 'events' -Query $query -Result $found.ToArray())
    }
    catch { return (Format-ItemError -Id $Id -Kind 'events' -Query $query -ErrorRecord $_) }
}

function Read-FeatureItem {
    param([string]$Id, [string]$Name)
    $query = [ordered]@{ name = $Name }
    try {
        # Get-WindowsFeature exists on Windows Server only; elsewhere the error says not-supported.
        # PowerShell 7 loads it through its Windows PowerShell compatibility session.
        $feature = Get-WindowsFeature -Name $Name -ErrorAction Stop -WarningAction SilentlyContinue
        $installed = $false
        if ($null -ne $feature) { $installed = [bool]$feature.Installed }
        return (Format-ItemResult -Id $Id -Kind 'feature' -Query $query -Result ([ordered]@{ installed = $installed }))
    }
    catch { return (Format-ItemError -Id $Id -Kind 'feature' -Query $query -ErrorRecord $_) }
}

function Read-CimItem {
    param([string]$Id, [string]$Namespace, [string]$Class, [string[]]$Properties, [scriptblock]$Read)
    $query = [ordered]@{ class = $Class; namespace = $Namespace; properties = $Properties }
    try {
        $result = & $Read
        return (Format-ItemResult -Id $Id -Kind 'cim' -Query $query -Result $result)
    }
    catch { return (Format-ItemError -Id $Id -Kind 'cim' -Query $query -ErrorRecord $_) }
}

function ConvertFrom-GpoBoolean {
    param($Value)
    $text = [string]$Value
    if ($text -eq 'True') { return $true }
    if ($text -eq 'False') { return $false }
    return $null
}

function Read-FirewallRulesItem {
    param([string]$Id, [string]$Group)
    $query = [ordered]@{ group = $Group }
    try {
        # The active store is what the firewall enforces: local rules merged with those of
        # Group Policy. The display group is translated on non-English Windows; the indirect
        # group name is the same everywhere.
        $rules = @()
        try { $rules = @(Get-NetFirewallRule -PolicyStore ActiveStore -DisplayGroup $Group -ErrorAction Stop) }
        catch {
            if ([string]$_.CategoryInfo.Category -ne 'ObjectNotFound') { throw }
            try { $rules = @(Get-NetFirewallRule -PolicyStore ActiveStore -Group '@FirewallAPI.dll,-28752' -ErrorAction Stop) }
            catch {
                if ([string]$_.CategoryInfo.Category -ne 'ObjectNotFound') { throw }
                $rules = @()
            }
        }
        $list = New-Object System.Collections.Generic.List[object]
        foreach ($rule in $rules) {
            $entry = [ordered]@{}
            $entry['name'] = [string]$rule.DisplayName
            # The cmdlet's enums would serialise as numbers (Enabled True is 1, False is 2).
            $entry['enabled'] = ([string]$rule.Enabled -eq 'True')
            $entry['direction'] = [string]$rule.Direction
            $entry['action'] = [string]$rule.Action
            $entry['profile'] = [string]$rule.Profile
            # The group also holds the shadowing rule, which does not open the listener's port.
            $ports = $null
            try { $ports = $rule | Get-NetFirewallPortFilter -ErrorAction Stop } catch { }
            $entry['protocol'] = if ($ports) { [string]$ports.Protocol } else { $null }
            $entry['localPort'] = if ($ports) { [string](@($ports.LocalPort) -join ',') } else { $null }
            $list.Add($entry)
        }
        return (Format-ItemResult -Id $Id -Kind 'firewall-rules' -Query $query -Result $list.ToArray())
    }
    catch { return (Format-ItemError -Id $Id -Kind 'firewall-rules' -Query $query -ErrorRecord $_) }
}

function Read-FirewallProfilesItem {
    param([string]$Id)
    $query = [ordered]@{}
    try {
        # The persistent store shows NotConfigured for whatever Windows or Group Policy decides;
        # the active store shows the values in force.
        $profiles = @(Get-NetFirewallProfile -PolicyStore ActiveStore -ErrorAction Stop)
        $list = New-Object System.Collections.Generic.List[object]
        foreach ($firewallProfile in $profiles) {
            $entry = [ordered]@{}
            $entry['name'] = [string]$firewallProfile.Name
            $entry['enabled'] = ConvertFrom-GpoBoolean $firewallProfile.Enabled
            $entry['defaultInboundAction'] = [string]$firewallProfile.DefaultInboundAction
            $entry['allowInboundRules'] = ConvertFrom-GpoBoolean $firewallProfile.AllowInboundRules
            $list.Add($entry)
        }
        return (Format-ItemResult -Id $Id -Kind 'firewall-profiles' -Query $query -Result $list.ToArray())
    }
    catch { return (Format-ItemError -Id $Id -Kind 'firewall-profiles' -Query $query -ErrorRecord $_) }
}

function Read-SessionsItem {
    param([string]$Id)
    $query = [ordered]@{ command = 'qwinsta' }
    try {
        $run = Invoke-NativeCommand -FilePath (Resolve-SystemTool 'qwinsta.exe') -TimeoutMs 30000
        if ($run.ExitCode -ne 0 -and -not $run.Output) { throw ([string]$run.Error).Trim() }
        # Column titles and states are translated, the session ids are not: 0 is the services
        # session, 65536 and up are listeners; everything else is a session someone holds.
        $count = 0
        foreach ($line in ([string]$run.Output -split "`r?`n")) {
            $tokens = @($line.TrimStart([char]62, [char]32) -split '\s+' | Where-Object { $_ -ne '' })
            foreach ($token in $tokens) {
                if ($token -match '^\d+$') {
                    $sessionId = [long]$token
                    if ($sessionId -ne 0 -and $sessionId -lt 65536) { $count = $count + 1 }
                    break
                }
            }
        }
        return (Format-ItemResult -Id $Id -Kind 'sessions' -Query $query -Result ([ordered]@{ count = $count }))
    }
    catch { return (Format-ItemError -Id $Id -Kind 'sessions' -Query $query -ErrorRecord $_) }
}

function Read-HttpItem {
    param([string]$Id, [string]$Url, [int]$TimeoutMs)
    $query = [ordered]@{ url = $Url; timeoutMs = $TimeoutMs }
    $response = $null
    try {
        $request = [System.Net.WebRequest]::Create($Url)
        $request.Method = 'GET'
        $request.Timeout = $TimeoutMs
        $request.ReadWriteTimeout = $TimeoutMs
        # The metadata endpoint answers only directly, never through a proxy.
        $request.Proxy = $null
        $request.Headers.Add('Metadata', 'true')
        # Only the status is kept; the body describes the VM and is not needed.
        $response = $request.GetResponse()
        return (Format-ItemResult -Id $Id -Kind 'http' -Query $query -Result ([ordered]@{ status = [int]$response.StatusCode }))
    }
    catch {
        $exception = Get-InnermostException $_
        if ($exception -is [System.Net.WebException] -and $null -ne $exception.Response) {
            # An HTTP error is still an answer from the endpoint.
            $status = [int]$exception.Response.StatusCode
            $exception.Response.Close()
            return (Format-ItemResult -Id $Id -Kind 'http' -Query $query -Result ([ordered]@{ status = $status }))
        }
        return (Format-ItemError -Id $Id -Kind 'http' -Query $query -ErrorRecord $_)
    }
    finally {
        if ($null -ne $response) { $response.Close() }
    }
}

function Invoke-SecureChannelTest {
    # Test-ComputerSecureChannel left PowerShell with version 6; PowerShell 7 asks Windows
    # PowerShell, which every supported Windows still has.
    if (Get-Command -Name Test-ComputerSecureChannel -ErrorAction SilentlyContinue) {
        $ok = Test-ComputerSecureChannel -ErrorAction Stop
        return [ordered]@{ ExitCode = 0; Output = [string]$ok }
    }
    $windowsPowerShell = Resolve-SystemTool 'WindowsPowerShell\v1.0\powershell.exe'
    # The child prints only the exception's message, which a formatted error record would wrap
    # and decorate.
    $command = '-NoProfile -NonInteractive -Command "try { Test-ComputerSecureChannel -ErrorAction Stop } catch { [Console]::Error.WriteLine($_.Exception.Message); exit 1 }"'
    $run = Invoke-NativeCommand -FilePath $windowsPowerShell -Arguments $command -TimeoutMs 60000
    if ($run.ExitCode -ne 0) { throw ([string]$run.Error).Trim() }
    return [ordered]@{ ExitCode = 0; Output = ([string]$run.Output).Trim() }
}

# ---------------------------------------------------------------------------------------------
# The run

$identity = [System.Security.Principal.WindowsIdentity]::GetCurrent()
$principal = New-Object System.Security.Principal.WindowsPrincipal($identity)
if (-not $principal.IsInRole([System.Security.Principal.WindowsBuiltInRole]::Administrator)) {
    Write-Warning 'Not elevated: the items that need an administrator will be recorded as access-denied.'
}

$collectedAt = Get-UtcStamp
$items = New-Object System.Collections.Generic.List[object]
$terminalServer = 'HKLM\SYSTEM\CurrentControlSet\Control\Terminal Server'
$rdpTcp = $terminalServer + '\WinStations\RDP-Tcp'
$tsPolicy = 'HKLM\SOFTWARE\Policies\Microsoft\Windows NT\Terminal Services'
$tls12Server = 'HKLM\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL\Protocols\TLS 1.2\Server'

$items.Add((Read-OsItem -Id 'os'))
$items.Add((Read-RegistryItem -Id 'rdp-deny-connections' -Path $terminalServer -Name 'fDenyTSConnections'))
$items.Add((Read-RegistryItem -Id 'rdp-policy-deny-connections' -Path $tsPolicy -Name 'fDenyTSConnections'))
$portItem = Read-RegistryItem -Id 'rdp-port' -Path $rdpTcp -Name 'PortNumber'
$items.Add($portItem)
$items.Add((Read-RegistryItem -Id 'rdp-user-authentication' -Path $rdpTcp -Name 'UserAuthentication'))
$items.Add((Read-RegistryItem -Id 'rdp-policy-user-authentication' -Path $tsPolicy -Name 'UserAuthentication'))
$items.Add((Read-RegistryItem -Id 'rdp-security-layer' -Path $rdpTcp -Name 'SecurityLayer'))
$items.Add((Read-RegistryItem -Id 'rdp-policy-security-layer' -Path $tsPolicy -Name 'SecurityLayer'))
$items.Add((Read-RegistryItem -Id 'rdp-min-encryption-level' -Path $rdpTcp -Name 'MinEncryptionLevel'))
$hashItem = Read-RegistryItem -Id 'rdp-certificate-hash' -Path $rdpTcp -Name 'SSLCertificateSHA1Hash'
$items.Add($hashItem)
$items.Add((Read-RegistryItem -Id 'fips-policy' -Path 'HKLM\SYSTEM\CurrentControlSet\Control\Lsa\FipsAlgorithmPolicy' -Name 'Enabled'))
$items.Add((Read-RegistryItem -Id 'schannel-tls12-server-enabled' -Path $tls12Server -Name 'Enabled'))
$items.Add((Read-RegistryItem -Id 'schannel-tls12-server-disabled-by-default' -Path $tls12Server -Name 'DisabledByDefault'))
$schannel = 'HKLM\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL'
$items.Add((Read-RegistryTreeItem -Id 'schannel-protocols' -Path ($schannel + '\Protocols')))
$items.Add((Read-RegistryTreeItem -Id 'schannel-ciphers' -Path ($schannel + '\Ciphers')))
$items.Add((Read-RegistryTreeItem -Id 'schannel-hashes' -Path ($schannel + '\Hashes')))
$items.Add((Read-RegistryTreeItem -Id 'schannel-key-exchange' -Path ($schannel + '\KeyExchangeAlgorithms')))
# The local suite list, which Disable-TlsCipherSuite trims; the policy below replaces it when set.
$items.Add((Read-RegistryItem -Id 'local-cipher-suites' -Path 'HKLM\SYSTEM\CurrentControlSet\Control\Cryptography\Configuration\Local\SSL\00010002' -Name 'Functions'))
$items.Add((Read-RegistryItem -Id 'cipher-suite-policy' -Path 'HKLM\SOFTWARE\Policies\Microsoft\Cryptography\Configuration\SSL\00010002' -Name 'Functions'))
$items.Add((Read-RegistryItem -Id 'credssp-allow-encryption-oracle' -Path 'HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Policies\System\CredSSP\Parameters' -Name 'AllowEncryptionOracle'))
$items.Add((Read-RegistryItem -Id 'restricted-admin' -Path 'HKLM\SYSTEM\CurrentControlSet\Control\Lsa' -Name 'DisableRestrictedAdmin'))
$items.Add((Read-RegistryItem -Id 'setup-in-progress' -Path 'HKLM\SYSTEM\Setup' -Name 'SystemSetupInProgress'))
$items.Add((Read-ServiceItem -Id 'termservice' -Name 'TermService'))
$items.Add((Read-ServiceDependenciesItem -Id 'termservice-dependencies' -Name 'TermService'))

# The listener is looked for on the configured port; 3389 when the value cannot be read.
$port = 3389
if ($portItem.Contains('result')) { $port = [int]$portItem['result']['value'] }
$items.Add((Read-ListenerItem -Id 'rdp-listener' -Port $port))

$thumbprint = $null
if ($hashItem.Contains('result')) { $thumbprint = [string]$hashItem['result']['value'] }
$certificateItem = Read-CertificateItem -Id 'rdp-certificate' -Thumbprint $thumbprint
$items.Add($certificateItem)

$machineKeys = Join-Path $env:ProgramData 'Microsoft\Crypto\RSA\MachineKeys'
$keyFilePath = Find-CertificateKeyFile $certificateItem
if ($keyFilePath) {
    $items.Add((Read-AclItem -Id 'rdp-certificate-key-acl' -Path $keyFilePath))
}
else {
    $keyQuery = [ordered]@{ path = $machineKeys }
    $items.Add((Format-ItemError -Id 'rdp-certificate-key-acl' -Kind 'acl' -Query $keyQuery -ErrorKind 'not-present' -Message ('No key file of the listener certificate was found in {0}.' -f $machineKeys)))
}
$items.Add((Read-AclItem -Id 'machinekeys-acl' -Path $machineKeys))

$items.Add((Read-EventsItem -Id 'system-events' -Log 'System' -Ids @(1057, 1058, 36870, 36871, 36872, 36874, 36888) -Days 7))
$items.Add((Read-EventsItem -Id 'rdp-admin-events' -Log 'Microsoft-Windows-TerminalServices-RemoteConnectionManager/Admin' -Ids @(1057, 1058) -Days 7))

$roleItem = Read-FeatureItem -Id 'rds-role' -Name 'RDS-RD-Server'
$items.Add($roleItem)
$items.Add((Read-RegistryItem -Id 'licensing-mode' -Path ($terminalServer + '\RCM\Licensing Core') -Name 'LicensingMode'))
$items.Add((Read-RegistryItem -Id 'license-servers' -Path $tsPolicy -Name 'LicenseServers'))
# A deployment names its license servers here when no policy does.
$items.Add((Read-RegistryItem -Id 'license-servers-deployment' -Path 'HKLM\SYSTEM\CurrentControlSet\Services\TermService\Parameters\LicenseServers' -Name 'SpecifiedLicenseServers'))

# Outside a Session Host the grace period means nothing, and a number would only mislead; when
# the role could not be read at all, the grace period is read anyway.
$noSessionHost = ($roleItem.Contains('result') -and -not [bool]$roleItem['result']['installed']) -or
    ($roleItem.Contains('error') -and $roleItem['error']['kind'] -eq 'not-supported')
if (-not $noSessionHost) {
    $items.Add((Read-CimItem -Id 'licensing-grace' -Namespace 'root/cimv2/TerminalServices' -Class 'Win32_TerminalServiceSetting' -Properties @('DaysLeft') -Read {
                $setting = Get-CimInstance -Namespace 'root/cimv2/TerminalServices' -ClassName Win32_TerminalServiceSetting -ErrorAction Stop
                $answer = Invoke-CimMethod -InputObject $setting -MethodName GetGracePeriodDays -ErrorAction Stop
                if ([int]$answer.ReturnValue -ne 0) { throw ('GetGracePeriodDays returned {0}.' -f $answer.ReturnValue) }
                # GetGracePeriodDays is a method, not a property; its output field is DaysLeft.
                [ordered]@{ DaysLeft = [int]$answer.DaysLeft }
            }))
}
else {
    $graceQuery = [ordered]@{ class = 'Win32_TerminalServiceSetting'; namespace = 'root/cimv2/TerminalServices'; properties = @('DaysLeft') }
    $items.Add((Format-ItemError -Id 'licensing-grace' -Kind 'cim' -Query $graceQuery -ErrorKind 'not-supported' -Message 'The Remote Desktop Session Host role is not installed; the licensing grace period applies only to a Session Host.'))
}

$items.Add((Read-RegistryItem -Id 'connection-limit' -Path $tsPolicy -Name 'MaxInstanceCount'))
$items.Add((Read-SessionsItem -Id 'sessions'))
$items.Add((Read-FirewallRulesItem -Id 'firewall-rdp-rules' -Group 'Remote Desktop'))
$items.Add((Read-FirewallProfilesItem -Id 'firewall-profiles'))

$items.Add((Read-CimItem -Id 'join-state' -Namespace 'root/cimv2' -Class 'Win32_ComputerSystem' -Properties @('PartOfDomain', 'Domain', 'AzureAdJoined', 'DomainJoined') -Read {
            $system = Get-CimInstance -ClassName Win32_ComputerSystem -ErrorAction Stop
            # Entra ID joins are invisible to WMI; dsregcmd reports both kinds of join.
            $azureAdJoined = $null
            $domainJoined = $null
            try {
                $run = Invoke-NativeCommand -FilePath (Resolve-SystemTool 'dsregcmd.exe') -Arguments '/status' -TimeoutMs 30000
                foreach ($line in ([string]$run.Output -split "`r?`n")) {
                    if ($line -match '^\s*AzureAdJoined\s*:\s*(YES|NO)\s*$') { $azureAdJoined = ($Matches[1] -eq 'YES') }
                    if ($line -match '^\s*DomainJoined\s*:\s*(YES|NO)\s*$') { $domainJoined = ($Matches[1] -eq 'YES') }
                }
            }
            catch { }
            $joinResult = [ordered]@{}
            $joinResult['PartOfDomain'] = [bool]$system.PartOfDomain
            $joinResult['Domain'] = [string]$system.Domain
            $joinResult['AzureAdJoined'] = $azureAdJoined
            $joinResult['DomainJoined'] = $domainJoined
            $joinResult
        }))

$items.Add((Read-CommandItem -Id 'secure-channel' -Command 'Test-ComputerSecureChannel' -Run { Invoke-SecureChannelTest }))
$items.Add((Read-HttpItem -Id 'azure-imds' -Url 'http://169.254.169.254/metadata/instance?api-version=2021-02-01' -TimeoutMs 1000))

$document = [ordered]@{}
$document['format'] = 'rdpdiag-evidence'
$document['version'] = 1
$document['side'] = $script:Side
$document['collector'] = [ordered]@{ name = $script:CollectorName; version = $script:CollectorVersion; powershell = $PSVersionTable.PSVersion.ToString() }
$document['computer'] = $env:COMPUTERNAME
$document['collectedAt'] = $collectedAt
$document['redacted'] = [bool]$Redact.IsPresent
$document['target'] = $null
$document['items'] = $items.ToArray()

$computerForName = $env:COMPUTERNAME
if ($Redact.IsPresent) {
    Register-LocalNames
    # Configured license servers are computers too.
    foreach ($item in $items) {
        if (($item['id'] -eq 'license-servers' -or $item['id'] -eq 'license-servers-deployment') -and $item.Contains('result')) {
            foreach ($server in ([string]$item['result']['value'] -split '[,;\s]+')) { Register-RedactionName -Name $server -Kind host }
        }
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
