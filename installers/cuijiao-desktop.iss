; Inno Setup script around the PyInstaller one-folder build (Windows 10/11, 64-bit).
;   1. pyinstaller installers\cuijiao-desktop.spec      -> dist\cuijiao-desktop\
;   2. iscc installers\cuijiao-desktop.iss              -> dist\installer\cuijiao-desktop-setup-<version>.exe
; ChineseSimplified.isl ships with Inno Setup 6.4+ (older: copy it from the Unofficial translations).
; Saved as UTF-8 with BOM so Inno Setup reads the Chinese names.
; Per-user data (the SQLite file, backups) lives in %APPDATA%\Cuijiao\cuijiao-desktop and is never removed.

#define AppName "物业费催缴"
#define AppVersion "0.1.0"
#define AppExe "cuijiao-desktop.exe"

[Setup]
AppId={{6B7E0C51-2F0E-4C1B-9B7A-3C0F1C2D9A10}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=Cuijiao
DefaultDirName={autopf}\Cuijiao\cuijiao-desktop
DefaultGroupName={#AppName}
OutputDir=..\dist\installer
OutputBaseFilename=cuijiao-desktop-setup-{#AppVersion}
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
PrivilegesRequiredOverridesAllowed=dialog
UninstallDisplayIcon={app}\{#AppExe}

[Languages]
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "..\dist\cuijiao-desktop\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{group}\{#AppName}（演示数据）"; Filename: "{app}\{#AppExe}"; Parameters: "--demo-if-empty"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
