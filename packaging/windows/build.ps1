# Build the Windows bundle and its installer (not run on the Linux build machine: see the
# README; CI runs it in .github/workflows/packaging.yml on windows-latest).
#   dist\windows\clienteling\clienteling.exe      the PyInstaller folder bundle
#   dist\windows\Clienteling-<version>-setup.exe  the Inno Setup installer
# Needs Python 3.11+ on PATH and Inno Setup 6 (iscc.exe; `choco install innosetup`).
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..\..")
$Root = (Get-Location).Path
$Venv = Join-Path $Root "build\windows\venv"

if (-not (Test-Path "$Venv\Scripts\python.exe")) { python -m venv $Venv }
& "$Venv\Scripts\python.exe" -m pip install -q --upgrade pip
& "$Venv\Scripts\pip.exe" install -q "$Root[bundle]"
$Version = & "$Venv\Scripts\python.exe" -c "import clienteling; print(clienteling.__version__)"

$env:QT_QPA_PLATFORM = "offscreen"
& "$Venv\Scripts\python.exe" packaging\app_icon.py packaging\windows\clienteling.ico
Remove-Item Env:QT_QPA_PLATFORM

& "$Venv\Scripts\pyinstaller.exe" --noconfirm --clean --log-level WARN `
  --distpath dist\windows --workpath build\windows\pyinstaller packaging\clienteling.spec
if ($LASTEXITCODE -ne 0) { throw "PyInstaller failed" }

# Smoke test: the bundle runs without the build environment.
$line = & dist\windows\clienteling\clienteling.exe --version
if ($line -ne "clienteling $Version") { throw "unexpected version: $line" }
$smoke = Join-Path ([IO.Path]::GetTempPath()) "clienteling-smoke"
$env:QT_QPA_PLATFORM = "offscreen"
& dist\windows\clienteling\clienteling.exe demo --customers 60 --port 0 `
  --data-dir "$smoke\demo" --screenshots "$smoke\shots"
if ($LASTEXITCODE -ne 0) { throw "the demo screenshots failed" }
Remove-Item Env:QT_QPA_PLATFORM

& iscc.exe "/DAppVersion=$Version" "/DSourceDir=$Root\dist\windows\clienteling" `
  "/O$Root\dist\windows" packaging\windows\clienteling.iss
if ($LASTEXITCODE -ne 0) { throw "Inno Setup failed" }
