//! Values parsed once from a `&'static str` of compiled code (a spec's
//! header name, its server), shared by every later call. Such keys are as
//! many as the program's specs hold; the cache keeps at most [`MAX_KEYS`]
//! of them, beyond which a key is parsed on each use.

use std::sync::RwLock;

/// The most keys a cache keeps.
const MAX_KEYS: usize = 256;

/// A cache of parsed values by their `&'static str` text.
#[derive(Debug)]
pub(crate) struct ParsedOnce<T> {
    entries: RwLock<Vec<(&'static str, T)>>,
}

impl<T> Default for ParsedOnce<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T> ParsedOnce<T> {
    /// An empty cache (usable in a `static`).
    pub(crate) const fn new() -> Self {
        Self {
            entries: RwLock::new(Vec::new()),
        }
    }

    /// `use_value` of `key`'s value, parsed by `parse` on first use; a key
    /// that `parse` refuses (`None`) is not kept, and is refused each time.
    pub(crate) fn with<R>(
        &self,
        key: &'static str,
        parse: impl FnOnce(&str) -> Option<T>,
        use_value: impl Fn(&T) -> R,
    ) -> Option<R> {
        // The same text of compiled code is most often the same address:
        // compared as a pointer first, its bytes are not compared.
        let find = |entries: &[(&str, T)]| {
            entries
                .iter()
                .find(|(known, _)| std::ptr::eq(*known, key) || *known == key)
                .map(|(_, v)| use_value(v))
        };
        if let Some(found) = self.entries.read().ok().and_then(|entries| find(&entries)) {
            return Some(found);
        }
        let value = parse(key)?;
        let used = use_value(&value);
        if let Ok(mut entries) = self.entries.write()
            && entries.len() < MAX_KEYS
            && !entries.iter().any(|(known, _)| *known == key)
        {
            entries.push((key, value));
        }
        Some(used)
    }

    /// Whether `key` is kept.
    #[cfg(test)]
    pub(crate) fn holds(&self, key: &str) -> bool {
        self.entries
            .read()
            .is_ok_and(|entries| entries.iter().any(|(known, _)| *known == key))
    }

    /// How many keys are kept.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.entries.read().map_or(0, |entries| entries.len())
    }
}
