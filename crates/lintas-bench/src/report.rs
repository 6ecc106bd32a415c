//! The figures: a table for people, one JSON document for scripts.

use serde::Serialize;
use serde_json::{json, Map, Value};

/// A target from the issue and whether the figure meets it.
#[derive(Debug, Clone, Serialize)]
pub struct Target {
    pub text: String,
    pub met: bool,
}

/// One measured figure.
#[derive(Debug, Clone, Serialize)]
pub struct Figure {
    pub id: String,
    pub section: &'static str,
    pub label: String,
    pub value: Value,
    pub unit: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<Target>,
    /// How it was measured, when the label does not say.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Every figure of a run, in the order they were measured, with the facts of the run.
#[derive(Debug, Default)]
pub struct Report {
    pub figures: Vec<Figure>,
    pub facts: Map<String, Value>,
    pub notes: Vec<String>,
}

impl Report {
    pub fn fact(&mut self, key: &str, value: impl Into<Value>) {
        self.facts.insert(key.to_string(), value.into());
    }

    pub fn add(
        &mut self,
        section: &'static str,
        id: &str,
        label: impl Into<String>,
        value: f64,
        unit: &'static str,
    ) -> &mut Figure {
        self.figures.push(Figure {
            id: id.to_string(),
            section,
            label: label.into(),
            value: if value.is_finite() { json!(round(value)) } else { Value::Null },
            unit,
            target: None,
            note: None,
        });
        self.figures.last_mut().expect("just pushed")
    }

    pub fn text(
        &mut self,
        section: &'static str,
        id: &str,
        label: impl Into<String>,
        value: impl Into<String>,
    ) -> &mut Figure {
        self.figures.push(Figure {
            id: id.to_string(),
            section,
            label: label.into(),
            value: Value::String(value.into()),
            unit: "",
            target: None,
            note: None,
        });
        self.figures.last_mut().expect("just pushed")
    }

    pub fn to_json(&self) -> Value {
        let figures: Map<String, Value> =
            self.figures.iter().map(|f| (f.id.clone(), serde_json::to_value(f).unwrap_or(Value::Null))).collect();
        json!({"run": self.facts, "figures": figures, "notes": self.notes})
    }

    /// The table: one line per figure, grouped by section.
    pub fn to_table(&self) -> String {
        let mut out = String::new();
        for (k, v) in &self.facts {
            out.push_str(&format!("{k}: {}\n", v.as_str().map(str::to_string).unwrap_or_else(|| v.to_string())));
        }
        let label_width = self.figures.iter().map(|f| f.label.chars().count()).max().unwrap_or(10).min(70);
        let mut section = "";
        for f in &self.figures {
            if f.section != section {
                section = f.section;
                out.push_str(&format!("\n{section}\n"));
            }
            let value = match &f.value {
                Value::Number(n) => format!("{} {}", n, f.unit),
                Value::String(s) => s.clone(),
                Value::Null => "n/a".to_string(),
                Value::Object(o) if o.contains_key("stopped_after_s") => format!(
                    "> {:.0} s (stopped, not finished)",
                    o.get("stopped_after_s").and_then(Value::as_f64).unwrap_or_default()
                ),
                other => other.to_string(),
            };
            let target = f
                .target
                .as_ref()
                .map(|t| format!("  [{}: {}]", if t.met { "met" } else { "MISSED" }, t.text))
                .unwrap_or_default();
            out.push_str(&format!("  {:<label_width$}  {}{}\n", f.label, value.trim_end(), target));
            if let Some(note) = &f.note {
                out.push_str(&format!("  {:<label_width$}    ({note})\n", ""));
            }
        }
        if !self.notes.is_empty() {
            out.push_str("\nNotes\n");
            for n in &self.notes {
                out.push_str(&format!("  - {n}\n"));
            }
        }
        out
    }
}

impl Figure {
    pub fn target(&mut self, text: impl Into<String>, met: bool) -> &mut Figure {
        self.target = Some(Target { text: text.into(), met });
        self
    }

    pub fn note(&mut self, note: impl Into<String>) -> &mut Figure {
        self.note = Some(note.into());
        self
    }
}

/// Three significant decimals are plenty for timings and ratios.
fn round(v: f64) -> f64 {
    if v.abs() >= 100.0 {
        (v * 10.0).round() / 10.0
    } else {
        (v * 1000.0).round() / 1000.0
    }
}
