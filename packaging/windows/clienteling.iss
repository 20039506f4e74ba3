; Inno Setup script of the Windows installer (packaging/windows/build.ps1 passes AppVersion,
; SourceDir: the PyInstaller bundle). Per-machine install under Program Files, a Start menu
; entry, an uninstaller; store IT can deploy it silently: Clienteling-<v>-setup.exe /VERYSILENT
#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\windows\clienteling"
#endif

[Setup]
AppId={{5B0F5C3E-8D0B-4C51-9E5A-6C3F2A7D9E11}
AppName=Clienteling
AppVersion={#AppVersion}
AppPublisher=Clienteling
DefaultDirName={autopf}\Clienteling
DefaultGroupName=Clienteling
DisableProgramGroupPage=yes
OutputBaseFilename=Clienteling-{#AppVersion}-setup
SetupIconFile=clienteling.ico
UninstallDisplayIcon={app}\clienteling.exe
Compression=lzma2/max
SolidCompression=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
PrivilegesRequired=admin
WizardStyle=modern

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "french"; MessagesFile: "compiler:Languages\French.isl"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\Clienteling"; Filename: "{app}\clienteling.exe"; Parameters: "app"
Name: "{autodesktop}\Clienteling"; Filename: "{app}\clienteling.exe"; Parameters: "app"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Run]
Filename: "{app}\clienteling.exe"; Parameters: "app"; Description: "{cm:LaunchProgram,Clienteling}"; Flags: nowait postinstall skipifsilent
