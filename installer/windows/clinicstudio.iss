; Inno Setup script: packages the PyInstaller folder (dist\ClinicStudio) into one installer.
; Built by installer\windows\build.ps1, which passes the version (/DAppVersion=...) from
; clinicstudio/__init__.py, the one place it is written.
#ifndef AppVersion
  #error Run installer\windows\build.ps1 (it passes /DAppVersion)
#endif

[Setup]
AppId={{6C1B6E0A-3A53-4E58-9E55-5D1C7C1C0A11}
AppName=ClinicStudio
AppVersion={#AppVersion}
AppPublisher=ClinicStudio
DefaultDirName={autopf}\ClinicStudio
DefaultGroupName=ClinicStudio
PrivilegesRequiredOverridesAllowed=dialog
OutputBaseFilename=ClinicStudio-{#AppVersion}-setup
OutputDir=..\..\dist
SetupIconFile=..\clinicstudio.ico
Compression=lzma2
SolidCompression=yes
WizardStyle=modern

[Files]
Source: "..\..\dist\ClinicStudio\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion

[Icons]
Name: "{group}\ClinicStudio"; Filename: "{app}\clinicstudio-gui.exe"
Name: "{autodesktop}\ClinicStudio"; Filename: "{app}\clinicstudio-gui.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "Create a desktop shortcut"; Flags: unchecked
Name: "scheduler"; Description: "Publish scheduled posts every 5 minutes, even when ClinicStudio is closed"; Flags: unchecked

[Run]
; Optional: publish scheduled posts even while the window is closed. The program registers
; its own task (every 5 minutes and at log-on), exactly as Clinic > Settings does.
Filename: "{app}\clinicstudio-gui.exe"; Parameters: "scheduler install"; Flags: runhidden runasoriginaluser; Tasks: scheduler
Filename: "{app}\clinicstudio-gui.exe"; Description: "Open ClinicStudio"; Flags: nowait postinstall skipifsilent

[UninstallRun]
Filename: "{app}\clinicstudio-gui.exe"; Parameters: "scheduler remove"; Flags: runhidden; RunOnceId: "RemoveTask"
