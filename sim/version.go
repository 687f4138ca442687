package sim

// Version is the spsim version recorded in every manifest.
const Version = "0.1.0"

// SchemaVersion is the version of the output file formats.
const SchemaVersion = 1
