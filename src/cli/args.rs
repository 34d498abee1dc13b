//! The command line's words: every command and option, as clap parses them
//! (the help text a person reads with `spanmark --help`).

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::formats::{Format, ImportFormat};
use crate::model::DocStatus;

/// Spanmark: annotate quotes, claims, entities and events in news articles.
#[derive(Debug, Parser)]
#[command(name = "spanmark", version, about)]
pub struct Cli {
    /// Project (.ron), or article (.txt, .md, .html; opened in a new
    /// unsaved project), to open in the window. Without it, the last opened
    /// project (or the sample project) opens.
    pub path: Option<PathBuf>,

    /// A headless command; without one, the window opens.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The headless commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check a project file: exit 0 if valid, else exit 1 naming the problem.
    Validate {
        /// The project file.
        project: PathBuf,
    },
    /// Import articles or annotated files into a project (created if absent).
    ///
    /// Formats by extension or --format: .txt, .md, .html, .pdf, doccano
    /// .jsonl, brat (X.txt with X.ann), Label Studio .json; web addresses
    /// are fetched. Folders are walked. All or nothing: on any error the
    /// project file is left as it was.
    Import {
        /// Files or folders to import, or web addresses (http, https: the
        /// page is fetched and its article taken).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// The project to add the documents to.
        #[arg(long)]
        into: PathBuf,
        /// Read every file as this format.
        #[arg(long, value_enum)]
        format: Option<ImportFormat>,
        /// Decode files with this encoding (e.g. windows-1252) instead of UTF-8.
        #[arg(long)]
        encoding: Option<String>,
        /// Label Studio: the `data` field holding the text (default `text`,
        /// else the only string field).
        #[arg(long)]
        text_key: Option<String>,
        /// Who made the imported spans and relations that do not say (one
        /// annotator's brat folder or doccano export).
        #[arg(long)]
        annotator: Option<String>,
        /// Add the files' spans (a model's predictions: doccano JSONL, Label
        /// Studio predictions, spaCy-style {"text", "spans"} JSONL) to the
        /// project's documents with the same text, as pending suggestions.
        #[arg(long)]
        as_suggestions: bool,
    },
    /// Export a labelled dataset (offsets are Unicode code points everywhere).
    Export {
        /// The project file.
        project: PathBuf,
        /// Output format.
        #[arg(long, short = 'f', value_enum)]
        format: Format,
        /// Output file (a folder for brat); `-` writes to standard output
        /// (what was written and left out goes to standard error).
        #[arg(long, short = 'o')]
        output: PathBuf,
        /// Only documents with this status.
        #[arg(long, value_enum)]
        status: Option<StatusArg>,
        /// Only spans with these labels (comma-separated label ids).
        #[arg(long, value_delimiter = ',')]
        labels: Option<Vec<String>>,
        /// CoNLL: export only this label's layer (CoNLL cannot nest spans).
        #[arg(long)]
        label: Option<String>,
        /// CoNLL: begin documents with `# doc_id = …` lines instead of
        /// `-DOCSTART-`, for readers that skip `#` comments (CoNLL-U
        /// style). `spacy convert --converter ner` and CoNLL-2003 readers
        /// do not: they take the comment for a token and an entity, so
        /// leave this off for them.
        #[arg(long)]
        conll_comments: bool,
        /// Replace the output if it exists (never a Spanmark project).
        #[arg(long)]
        force: bool,
    },
    /// Convert a project between the single-file form (`P.ron`) and the
    /// folder form (`P.spanmark/`: a manifest and one file per document).
    Convert {
        /// The project to read (either form).
        from: PathBuf,
        /// Where to write it; the form follows the name (`.spanmark`: a folder).
        to: PathBuf,
        /// Replace an existing project file (a folder is never replaced).
        #[arg(long)]
        force: bool,
    },
    /// Replay the journal of unsaved changes a crashed session left beside
    /// a project into the project, save it, and say how many came back.
    Recover {
        /// The project file.
        project: PathBuf,
    },
    /// Apply changes (one JSON change per line, the journal's format) to a
    /// project, journaling each as it is applied, then save. `-` reads them
    /// from standard input as they come.
    Apply {
        /// The project file.
        project: PathBuf,
        /// The changes: a file of JSON lines, or `-` for standard input.
        changes: PathBuf,
    },
    /// Agreement between annotators: each project is one annotator's
    /// work; documents are matched by their text (docs/agreement.md).
    ///
    /// Exact and overlap precision, recall and F1 per label and over all
    /// labels, Cohen's kappa per pair, Krippendorff's alpha across all.
    Agree {
        /// Two projects or more (files or folders), one per annotator; or
        /// one merged project (spanmark merge), split by who made each span.
        #[arg(required = true)]
        projects: Vec<PathBuf>,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Merge annotators' projects into one: documents matched by text,
    /// identical spans once (listing everyone who made them), differing
    /// spans kept with their annotators; prints what agrees and what not.
    Merge {
        /// Two projects or more (files or folders).
        #[arg(required = true, num_args = 2..)]
        projects: Vec<PathBuf>,
        /// The merged project to write (`.ron` file or `.spanmark` folder).
        #[arg(short, long)]
        output: PathBuf,
        /// Replace an existing output file.
        #[arg(long)]
        force: bool,
    },
    /// Git's merge driver for Spanmark files (see the README): merges
    /// THEIRS into OURS against BASE, marking conflicts inside the project
    /// (category "merge conflict", span notes) instead of with markers.
    /// Exits 1 when it marked conflicts.
    MergeDriver {
        /// The common ancestor's version (%O).
        base: PathBuf,
        /// Our version (%A), replaced by the merge.
        ours: PathBuf,
        /// Their version (%B).
        theirs: PathBuf,
        /// The file's path in the repository (%P), for messages.
        path: Option<PathBuf>,
    },
    /// Suggest quotes, speakers, entities and dates with built-in rules
    /// for news, or with any program (--with), for review in the window.
    ///
    /// Without -o the suggestions are stored in the project as pending;
    /// with it they are written as doccano JSONL and the project is
    /// untouched. An external suggester reads one JSON line per document
    /// ({"id", "text"}) on stdin and writes one back per document
    /// ({"id", "spans": [{"start", "end", "label", "score"}], "relations":
    /// [{"from", "to", "type": "said_by"}]}), offsets in code points.
    Suggest {
        /// The project.
        project: PathBuf,
        /// Built-in rules to run (default: all; none with --with alone).
        #[arg(long, value_enum, value_delimiter = ',')]
        rules: Option<Vec<crate::analysis::suggest::Rule>>,
        /// An external suggester command, run through the shell.
        #[arg(long)]
        with: Option<String>,
        /// Seconds to wait for each of the suggester's answers.
        #[arg(long, default_value_t = 60)]
        timeout: u64,
        /// Write the suggestions as doccano JSONL instead of storing them.
        #[arg(long, short = 'o')]
        output: Option<PathBuf>,
        /// Replace an existing output file.
        #[arg(long)]
        force: bool,
        /// Also suggest with the model learnt from this project (spanmark
        /// train; trained first when missing), on documents not marked done.
        #[arg(long)]
        model: bool,
    },
    /// Learn a model from the documents marked done (and curated gold
    /// spans) and write it beside the project (NAME.model; model.bin in a
    /// folder project), for `spanmark suggest --model`.
    Train {
        /// The project.
        project: PathBuf,
        /// One joint model over every label instead of one per label.
        #[arg(long)]
        joint: bool,
    },
    /// Print the project's annotation guidelines as Markdown, or set them
    /// from a Markdown file: the text before the first `## heading` is the
    /// general guideline, each `## heading` names a label (its id or name)
    /// or a relation kind and holds its guideline. A heading that names
    /// neither is refused, naming it. One undoable change, saved.
    Guidelines {
        /// The project.
        project: PathBuf,
        /// The Markdown file to take them from (without it, they are printed).
        file: Option<PathBuf>,
    },
    /// Assign the project's documents to annotators, in turn, in an order
    /// shuffled by the seed; a share of them (--overlap) to two annotators,
    /// for agreement. Stored in the project (a folder project's manifest):
    /// a file in git.
    Assign {
        /// The project.
        project: PathBuf,
        /// The annotators, comma-separated.
        #[arg(long, value_delimiter = ',', required = true)]
        annotators: Vec<String>,
        /// The share of documents each given to two annotators (0 to 1).
        #[arg(long, default_value_t = 0.0)]
        overlap: f64,
        /// The seed of the shuffle (the same seed, the same assignment).
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Write one project per annotator holding the documents assigned to
    /// them (`DIR/NAME.ron`), for teams that work in separate files;
    /// `spanmark merge` brings their work back together.
    Split {
        /// The project.
        project: PathBuf,
        /// What to split by (annotator: the assignments).
        #[arg(long, value_enum, default_value = "annotator")]
        by: SplitBy,
        /// The folder to write the projects into.
        #[arg(long, short = 'o')]
        output: PathBuf,
        /// Replace projects already there.
        #[arg(long)]
        force: bool,
    },
    /// Print documents and spans per label.
    Stats {
        /// The project file.
        project: PathBuf,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
}

/// What `spanmark split` splits by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SplitBy {
    /// One project per annotator, by the assignments.
    Annotator,
}

/// A document status on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum StatusArg {
    /// Not started.
    Todo,
    /// Started.
    InProgress,
    /// Finished.
    Done,
}

impl From<StatusArg> for DocStatus {
    fn from(s: StatusArg) -> Self {
        match s {
            StatusArg::Todo => DocStatus::Todo,
            StatusArg::InProgress => DocStatus::InProgress,
            StatusArg::Done => DocStatus::Done,
        }
    }
}
