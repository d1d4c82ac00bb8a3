/*
 * libclang: the libclang API as alloccheck calls it, loaded on the first
 * parse instead of at start-up. The programs do not link libclang: mapping
 * it and LLVM costs more than a run whose every result comes from the cache
 * (or --version, --help, merge) does in all. libclang_load.c dlopen()s the
 * library the build was configured with and fills one table with every
 * clang_* function below, once (pthread_once), in ac_libclang_load.
 *
 * Call sites stay plain libclang: each name in AC_LIBCLANG_FUNCTIONS is a
 * macro for its entry in the table (clang_getCursorType(c) reads
 * ac_libclang.getCursorType(c)), so no function of ours is named
 * clang_*, and libclang's calls to itself can never reach us (three are
 * answered here, see below: a cursor's kind, the null cursor and the test
 * for it). Include this
 * header instead of clang-c/Index.h (lower.h does, for the frontend files);
 * a libclang function missing from the list is an undefined reference at
 * link time, so add it there.
 *
 * Everything here is read only after ac_libclang_load returned 0 on the
 * same thread (ac_tu_load does it before its first call), which orders the
 * table's one writing before every read.
 */
#ifndef AC_LIBCLANG_H
#define AC_LIBCLANG_H

#include <clang-c/Index.h>
#include <stddef.h>

/* Every libclang function alloccheck calls, without its clang_ prefix (an
 * argument of a macro is expanded before it is used, unless pasted). */
#define AC_LIBCLANG_FUNCTIONS(X) \
	X(Cursor_Evaluate) \
	X(Cursor_getArgument) \
	X(Cursor_getNumArguments) \
	X(Cursor_getStorageClass) \
	X(Cursor_getVarDeclInitializer) \
	X(Cursor_hasAttrs) \
	X(Cursor_isAnonymousRecordDecl) \
	X(EvalResult_dispose) \
	X(EvalResult_getAsLongLong) \
	X(EvalResult_getAsUnsigned) \
	X(EvalResult_getKind) \
	X(EvalResult_isUnsignedInt) \
	X(File_isEqual) \
	X(File_tryGetRealPathName) \
	X(Location_isInSystemHeader) \
	X(Type_getSizeOf) \
	X(Type_visitFields) \
	X(createIndex) \
	X(defaultSaveOptions) \
	X(disposeDiagnostic) \
	X(disposeIndex) \
	X(disposeString) \
	X(disposeTokens) \
	X(disposeTranslationUnit) \
	X(equalCursors) \
	X(equalLocations) \
	X(equalRanges) \
	X(equalTypes) \
	X(getArgType) \
	X(getArrayElementType) \
	X(getBinaryOperatorKindSpelling) \
	X(getCString) \
	X(getCanonicalCursor) \
	X(getCanonicalType) \
	X(getClangVersion) \
	X(getCursor) \
	X(getCursorBinaryOperatorKind) \
	X(getCursorDefinition) \
	X(getCursorExtent) \
	X(getCursorKind) \
	X(getCursorLinkage) \
	X(getCursorLocation) \
	X(getCursorReferenced) \
	X(getCursorSemanticParent) \
	X(getCursorSpelling) \
	X(getCursorType) \
	X(getCursorUSR) \
	X(getCursorUnaryOperatorKind) \
	X(getDiagnostic) \
	X(getDiagnosticLocation) \
	X(getDiagnosticSeverity) \
	X(getDiagnosticSpelling) \
	X(getEnumConstantDeclValue) \
	X(getExpansionLocation) \
	X(getFile) \
	X(getFileContents) \
	X(getFileLocation) \
	X(getFileName) \
	X(getFileUniqueID) \
	X(isFileMultipleIncludeGuarded) \
	X(getInclusions) \
	X(getLocationForOffset) \
	X(getNullCursor) \
	X(getNumArgTypes) \
	X(getNumDiagnostics) \
	X(getPointeeType) \
	X(getPresumedLocation) \
	X(getRange) \
	X(getRangeEnd) \
	X(getRangeStart) \
	X(getSpellingLocation) \
	X(getToken) \
	X(getTokenExtent) \
	X(getTokenKind) \
	X(getTokenLocation) \
	X(getTokenSpelling) \
	X(getTranslationUnitCursor) \
	X(getTranslationUnitSpelling) \
	X(getTypeDeclaration) \
	X(getTypeSpelling) \
	X(getUnaryOperatorKindSpelling) \
	X(hashCursor) \
	X(isConstQualifiedType) \
	X(isCursorDefinition) \
	X(isExpression) \
	X(isFunctionTypeVariadic) \
	X(isStatement) \
	X(isVolatileQualifiedType) \
	X(parseTranslationUnit2) \
	X(saveTranslationUnit) \
	X(tokenize) \
	X(visitChildren)

/* The loaded functions: clang_NAME is the field NAME. */
typedef struct AcLibclang {
#define AC_LIBCLANG_FIELD(name) __typeof__(clang_##name) *name;
	AC_LIBCLANG_FUNCTIONS(AC_LIBCLANG_FIELD)
#undef AC_LIBCLANG_FIELD
	CXCursor null_cursor; /* what getNullCursor returns, read once at load */
} AcLibclang;

/* Written once by ac_libclang_load, read-only afterwards. */
extern AcLibclang ac_libclang;

/* Loads libclang and resolves every function of the list, the first time
 * it is called in the process (any thread; the others wait). Returns 0, or
 * -1 on this call and every later one when it could not be loaded: the
 * first failure printed one tool error naming the file and why. */
int ac_libclang_load(void);

#define clang_Cursor_Evaluate ac_libclang.Cursor_Evaluate
#define clang_Cursor_getArgument ac_libclang.Cursor_getArgument
#define clang_Cursor_getNumArguments ac_libclang.Cursor_getNumArguments
#define clang_Cursor_getStorageClass ac_libclang.Cursor_getStorageClass
#define clang_Cursor_getVarDeclInitializer ac_libclang.Cursor_getVarDeclInitializer
#define clang_Cursor_hasAttrs ac_libclang.Cursor_hasAttrs
#define clang_Cursor_isAnonymousRecordDecl ac_libclang.Cursor_isAnonymousRecordDecl
/* clang_Cursor_isNull (c) is, in libclang, clang_equalCursors (c,
 * clang_getNullCursor ()), which compares the kinds and the three data
 * pointers (the second one cleared first for a declaration's kind, which
 * the null cursor's is not). Compared here: an inline test instead of an
 * indirect call that makes two more (83 instructions a test, 222k tests,
 * 18M instructions, in the lowering of lua5.4). */
static inline unsigned ac_libclang_is_null(CXCursor c)
{
	const CXCursor *n = &ac_libclang.null_cursor;
	return c.kind == n->kind && c.data[0] == n->data[0] && c.data[1] == n->data[1] && c.data[2] == n->data[2];
}
#define clang_Cursor_isNull ac_libclang_is_null
#define clang_EvalResult_dispose ac_libclang.EvalResult_dispose
#define clang_EvalResult_getAsLongLong ac_libclang.EvalResult_getAsLongLong
#define clang_EvalResult_getAsUnsigned ac_libclang.EvalResult_getAsUnsigned
#define clang_EvalResult_getKind ac_libclang.EvalResult_getKind
#define clang_EvalResult_isUnsignedInt ac_libclang.EvalResult_isUnsignedInt
#define clang_File_isEqual ac_libclang.File_isEqual
#define clang_File_tryGetRealPathName ac_libclang.File_tryGetRealPathName
#define clang_Location_isInSystemHeader ac_libclang.Location_isInSystemHeader
#define clang_Type_getSizeOf ac_libclang.Type_getSizeOf
#define clang_Type_visitFields ac_libclang.Type_visitFields
#define clang_createIndex ac_libclang.createIndex
#define clang_defaultSaveOptions ac_libclang.defaultSaveOptions
#define clang_disposeDiagnostic ac_libclang.disposeDiagnostic
#define clang_disposeIndex ac_libclang.disposeIndex
#define clang_disposeString ac_libclang.disposeString
#define clang_disposeTokens ac_libclang.disposeTokens
#define clang_disposeTranslationUnit ac_libclang.disposeTranslationUnit
#define clang_equalCursors ac_libclang.equalCursors
#define clang_equalLocations ac_libclang.equalLocations
#define clang_equalRanges ac_libclang.equalRanges
#define clang_equalTypes ac_libclang.equalTypes
#define clang_getArgType ac_libclang.getArgType
#define clang_getArrayElementType ac_libclang.getArrayElementType
#define clang_getBinaryOperatorKindSpelling ac_libclang.getBinaryOperatorKindSpelling
#define clang_getCString ac_libclang.getCString
#define clang_getCanonicalCursor ac_libclang.getCanonicalCursor
#define clang_getCanonicalType ac_libclang.getCanonicalType
#define clang_getClangVersion ac_libclang.getClangVersion
#define clang_getCursor ac_libclang.getCursor
#define clang_getCursorBinaryOperatorKind ac_libclang.getCursorBinaryOperatorKind
#define clang_getCursorDefinition ac_libclang.getCursorDefinition
#define clang_getCursorExtent ac_libclang.getCursorExtent
/* libclang's clang_getCursorKind returns the cursor's public field: read
 * here, not through an indirect call that copies the cursor to the stack
 * (1.1M calls lowering lua5.4) */
#define clang_getCursorKind(c) ((enum CXCursorKind)(c).kind)
#define clang_getCursorLinkage ac_libclang.getCursorLinkage
#define clang_getCursorLocation ac_libclang.getCursorLocation
#define clang_getCursorReferenced ac_libclang.getCursorReferenced
#define clang_getCursorSemanticParent ac_libclang.getCursorSemanticParent
#define clang_getCursorSpelling ac_libclang.getCursorSpelling
#define clang_getCursorType ac_libclang.getCursorType
#define clang_getCursorUSR ac_libclang.getCursorUSR
#define clang_getCursorUnaryOperatorKind ac_libclang.getCursorUnaryOperatorKind
#define clang_getDiagnostic ac_libclang.getDiagnostic
#define clang_getDiagnosticLocation ac_libclang.getDiagnosticLocation
#define clang_getDiagnosticSeverity ac_libclang.getDiagnosticSeverity
#define clang_getDiagnosticSpelling ac_libclang.getDiagnosticSpelling
#define clang_getEnumConstantDeclValue ac_libclang.getEnumConstantDeclValue
#define clang_getExpansionLocation ac_libclang.getExpansionLocation
#define clang_getFile ac_libclang.getFile
#define clang_getFileContents ac_libclang.getFileContents
#define clang_getFileLocation ac_libclang.getFileLocation
#define clang_getFileName ac_libclang.getFileName
#define clang_getFileUniqueID ac_libclang.getFileUniqueID
#define clang_isFileMultipleIncludeGuarded ac_libclang.isFileMultipleIncludeGuarded
#define clang_getInclusions ac_libclang.getInclusions
#define clang_getLocationForOffset ac_libclang.getLocationForOffset
/* the same value each time: read once at load */
#define clang_getNullCursor() (ac_libclang.null_cursor)
#define clang_getNumArgTypes ac_libclang.getNumArgTypes
#define clang_getNumDiagnostics ac_libclang.getNumDiagnostics
#define clang_getPointeeType ac_libclang.getPointeeType
#define clang_getPresumedLocation ac_libclang.getPresumedLocation
#define clang_getRange ac_libclang.getRange
#define clang_getRangeEnd ac_libclang.getRangeEnd
#define clang_getRangeStart ac_libclang.getRangeStart
#define clang_getSpellingLocation ac_libclang.getSpellingLocation
#define clang_getToken ac_libclang.getToken
#define clang_getTokenExtent ac_libclang.getTokenExtent
#define clang_getTokenKind ac_libclang.getTokenKind
#define clang_getTokenLocation ac_libclang.getTokenLocation
#define clang_getTokenSpelling ac_libclang.getTokenSpelling
#define clang_getTranslationUnitCursor ac_libclang.getTranslationUnitCursor
#define clang_getTranslationUnitSpelling ac_libclang.getTranslationUnitSpelling
#define clang_getTypeDeclaration ac_libclang.getTypeDeclaration
#define clang_getTypeSpelling ac_libclang.getTypeSpelling
#define clang_getUnaryOperatorKindSpelling ac_libclang.getUnaryOperatorKindSpelling
#define clang_hashCursor ac_libclang.hashCursor
#define clang_isConstQualifiedType ac_libclang.isConstQualifiedType
#define clang_isCursorDefinition ac_libclang.isCursorDefinition
#define clang_isExpression ac_libclang.isExpression
#define clang_isFunctionTypeVariadic ac_libclang.isFunctionTypeVariadic
#define clang_isStatement ac_libclang.isStatement
#define clang_isVolatileQualifiedType ac_libclang.isVolatileQualifiedType
#define clang_parseTranslationUnit2 ac_libclang.parseTranslationUnit2
#define clang_saveTranslationUnit ac_libclang.saveTranslationUnit
#define clang_tokenize ac_libclang.tokenize
#define clang_visitChildren ac_libclang.visitChildren

#endif
