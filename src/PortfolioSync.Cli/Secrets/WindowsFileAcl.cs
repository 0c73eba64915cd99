using System.Runtime.Versioning;
using System.Security.AccessControl;
using System.Security.Principal;

namespace PortfolioSync.Cli.Secrets;

/// <summary>
/// The Windows counterpart of the Unix owner-only mode check for <c>file:</c> secrets: reads the file's ACL and lists
/// every account other than the current user, SYSTEM and the Administrators group that is allowed to read it.
/// </summary>
[SupportedOSPlatform("windows")]
internal static class WindowsFileAcl
{
    public static IReadOnlyList<string> OthersWhoCanRead(string path)
    {
        var acl = new FileInfo(path).GetAccessControl();
        var me = WindowsIdentity.GetCurrent().User;
        var trusted = new[]
        {
            new SecurityIdentifier(WellKnownSidType.LocalSystemSid, null),
            new SecurityIdentifier(WellKnownSidType.BuiltinAdministratorsSid, null),
        };
        var others = new List<string>();
        foreach (FileSystemAccessRule rule in acl.GetAccessRules(includeExplicit: true, includeInherited: true, typeof(SecurityIdentifier)))
        {
            if (rule.AccessControlType != AccessControlType.Allow) continue;
            if ((rule.FileSystemRights & (FileSystemRights.ReadData | FileSystemRights.Read)) == 0) continue;
            if (rule.IdentityReference is not SecurityIdentifier sid || sid == me || trusted.Contains(sid)) continue;
            var name = sid.IsValidTargetType(typeof(NTAccount)) ? sid.Translate(typeof(NTAccount)).Value : sid.Value;
            if (!others.Contains(name)) others.Add(name);
        }
        return others;
    }
}
