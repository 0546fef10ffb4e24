; Inno Setup script: packages the PyInstaller folder (dist\ClinicStudio) into one installer.
; Build on Windows:  pyinstaller installer\clinicstudio.spec --noconfirm
;                    dist\ClinicStudio\clinicstudio.exe self-test
;                    iscc installer\windows\clinicstudio.iss
#define AppVersion "0.1.0"

[Setup]
AppId={{6C1B6E0A-3A53-4E58-9E55-5D1C7C1C0A11}
AppName=ClinicStudio
AppVersion={#AppVersion}
AppPublisher=ClinicStudio
DefaultDirName={autopf}\ClinicStudio
DefaultGroupName=ClinicStudio
PrivilegesRequiredOverridesAllowed=dialog
OutputBaseFilename=ClinicStudio-{#AppVersion}-setup
SetupIconFile=..\clinicstudio.ico
Compression=lzma2
SolidCompression=yes
WizardStyle=modern

[Files]
Source: "..\..\dist\ClinicStudio\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion

[Icons]
Name: "{group}\ClinicStudio"; Filename: "{app}\clinicstudio.exe"
Name: "{autodesktop}\ClinicStudio"; Filename: "{app}\clinicstudio.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "Create a desktop shortcut"; Flags: unchecked
Name: "scheduler"; Description: "Publish scheduled posts every 5 minutes, even when ClinicStudio is closed"; Flags: unchecked

[Run]
; Optional: publish scheduled posts even while the window is closed (see the README).
Filename: "schtasks.exe"; Parameters: "/Create /F /SC MINUTE /MO 5 /TN ""ClinicStudio publish-due"" /TR ""\""{app}\clinicstudio.exe\"" publish-due"""; Flags: runhidden; Tasks: scheduler
Filename: "{app}\clinicstudio.exe"; Description: "Open ClinicStudio"; Flags: nowait postinstall skipifsilent

[UninstallRun]
Filename: "schtasks.exe"; Parameters: "/Delete /F /TN ""ClinicStudio publish-due"""; Flags: runhidden; RunOnceId: "RemoveTask"
