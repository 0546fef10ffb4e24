# Build the Windows bundle and installer. Run on Windows 10 or 11 with Python 3.11+ (python.org)
# and Inno Setup 6 (iscc.exe on PATH), from the repository's top folder:
#   powershell -ExecutionPolicy Bypass -File installer\windows\build.ps1
# Produces dist\ClinicStudio (the bundle, checked command by command) and
# dist\ClinicStudio-<version>-setup.exe.
$ErrorActionPreference = "Stop"
$Root = Resolve-Path (Join-Path $PSScriptRoot "..\..")
Set-Location $Root

python -m venv build\bundle-venv
build\bundle-venv\Scripts\python -m pip install -q -c requirements\constraints.txt ".[bundle]"
if ($LASTEXITCODE) { throw "installing the build tools failed" }
# Picture reading with the headless OpenCV, first on PyInstaller's path (installer/picture-reading.txt).
if (Test-Path build\picture-reading) { Remove-Item -Recurse -Force build\picture-reading }
build\bundle-venv\Scripts\python -m pip install -q --no-deps --target build\picture-reading `
  -r installer\picture-reading.txt
if ($LASTEXITCODE) { throw "installing picture reading failed" }
$env:PYTHONPATH = Join-Path $Root "build\picture-reading"
build\bundle-venv\Scripts\python -m PyInstaller installer\clinicstudio.spec --noconfirm `
  --distpath dist --workpath build\pyinstaller
if ($LASTEXITCODE) { throw "PyInstaller failed" }
Remove-Item Env:PYTHONPATH

# The same checks as installer/check-build.sh, on a scratch database.
$Cli = Join-Path $Root "dist\ClinicStudio\clinicstudio.exe"
$Scratch = Join-Path $env:TEMP ("clinicstudio-check-" + [guid]::NewGuid())
New-Item -ItemType Directory $Scratch | Out-Null
$env:CLINICSTUDIO_DB = Join-Path $Scratch "check.db"
$env:QT_QPA_PLATFORM = "offscreen"
function Check($what) { if ($LASTEXITCODE -ne 0) { throw "check-build: FAILED: $what" } }
$Help = & $Cli --help; Check "--help"
$InCommands = $false
foreach ($line in $Help) {
  if ($line -match "^commands:") { $InCommands = $true; continue }
  if ($InCommands -and $line -match "^    ([a-z][a-z-]+)") {
    & $Cli $Matches[1] --help | Out-Null; Check "$($Matches[1]) --help"
  }
}
& $Cli self-test; Check "self-test"
& $Cli demo; Check "demo"
& $Cli publish-due; Check "publish-due"
Set-Content (Join-Path $Scratch "clean.txt") "Flu shots are here! Walk in any weekday morning at our clinic."
& $Cli check (Join-Path $Scratch "clean.txt") | Out-Null; Check "check"
$Label = & $Cli check --image (Join-Path $Root "installer\samples\label.jpg") --json
if ($LASTEXITCODE -ne 1 -or -not ($Label -match '"region": \{"image": 0')) {
  throw "check-build: FAILED: check --image did not block a label with a name and birth date"
}
& $Cli check --image (Join-Path $Root "installer\samples\hours.jpg") | Out-Null; Check "check --image of opening hours"
& $Cli backup (Join-Path $Scratch "b.zip"); Check "backup"
& $Cli restore (Join-Path $Scratch "b.zip") --db (Join-Path $Scratch "r.db"); Check "restore"
& $Cli scheduler show | Out-Null; Check "scheduler show"
Remove-Item -Recurse -Force $Scratch
Remove-Item Env:CLINICSTUDIO_DB

$Version = (& build\bundle-venv\Scripts\python -c "import clinicstudio; print(clinicstudio.__version__)")
iscc /DAppVersion=$Version installer\windows\clinicstudio.iss
if ($LASTEXITCODE) { throw "Inno Setup failed" }
Write-Host "Built dist\ClinicStudio-$Version-setup.exe"
