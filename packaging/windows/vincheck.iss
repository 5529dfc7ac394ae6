; Inno Setup 6 script: installer for the Windows one-folder application.
; Build the folder first (python -m tools.build_bundle), put Microsoft's
; vc_redist.x64.exe into packaging\windows\redist\, then:
;   ISCC.exe /DAppVersion=0.1.0 packaging\windows\vincheck.iss
; Output: dist\installer\vincheck-setup-<version>.exe
; Installs per user by default (no administrator needed). onnxruntime >= 1.21 needs the
; Visual C++ runtime 14.38 or newer: the bundle carries its own copy beside the program
; (app-local, taken from the build machine, checked by the CI workflow); an installation
; as administrator also installs Microsoft's redistributable system-wide when the one
; present is older than 14.38. Written here, not run on the Linux CI machine.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "vincheck"
#define Root "..\.."

[Setup]
AppId={{5B1E7C0A-3F7D-4C3B-9B7E-2A6F0C9E1D42}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=vincheck
DefaultDirName={autopf}\vincheck
DefaultGroupName=vincheck
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir={#Root}\dist\installer
OutputBaseFilename=vincheck-setup-{#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
UninstallDisplayIcon={app}\vincheck-gui.exe
ShowLanguageDialog=auto

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "zh_CN"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "{#Root}\dist\vincheck\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "redist\vc_redist.x64.exe"; DestDir: "{tmp}"; Flags: deleteafterinstall; Check: NeedsVCRedist and IsAdminInstallMode

[Icons]
Name: "{group}\vincheck"; Filename: "{app}\vincheck-gui.exe"
Name: "{group}\{cm:UninstallProgram,vincheck}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\vincheck"; Filename: "{app}\vincheck-gui.exe"; Tasks: desktopicon

[Run]
Filename: "{tmp}\vc_redist.x64.exe"; Parameters: "/install /quiet /norestart"; \
  StatusMsg: "Installing the Microsoft Visual C++ runtime..."; Flags: waituntilterminated runascurrentuser; \
  Check: NeedsVCRedist and IsAdminInstallMode
Filename: "{app}\vincheck-gui.exe"; Parameters: "--sample"; Description: "{cm:LaunchProgram,vincheck}"; \
  Flags: nowait postinstall skipifsilent

[Code]
{ The Visual C++ 2015-2022 x64 runtime records its version under this key; onnxruntime
  1.21 and newer need 14.38 or newer (older runtimes crash it when it loads). }
function NeedsVCRedist: Boolean;
var
  Major, Minor: Cardinal;
begin
  Result := True;
  if RegQueryDWordValue(HKLM64, 'SOFTWARE\Microsoft\VisualStudio\14.0\VC\Runtimes\x64', 'Major', Major) and
     RegQueryDWordValue(HKLM64, 'SOFTWARE\Microsoft\VisualStudio\14.0\VC\Runtimes\x64', 'Minor', Minor) then
    Result := (Major < 14) or ((Major = 14) and (Minor < 38));
end;
