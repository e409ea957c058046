#include <archive.h>
#include <archive_entry.h>

/// File-type constants are cast macros in archive_entry.h, which Swift does not import.
static const unsigned int CArchive_AE_IFREG = AE_IFREG;
static const unsigned int CArchive_AE_IFDIR = AE_IFDIR;
static const unsigned int CArchive_AE_IFLNK = AE_IFLNK;
static const unsigned int CArchive_AE_IFCHR = AE_IFCHR;
static const unsigned int CArchive_AE_IFIFO = AE_IFIFO;
static const unsigned int CArchive_AE_IFMT = AE_IFMT;
