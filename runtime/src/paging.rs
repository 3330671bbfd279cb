//! Paging through a list: the [`Paged`] operations that a spec's `paging`
//! describes, and the streams of [`Client::pages`] and [`Client::items`],
//! which send one request per page until the last.

use futures_core::Stream;
use futures_util::StreamExt;

use crate::client::Client;
use crate::error::{Failure, InvalidRequest};
use crate::operation::{Operation, Response};

/// An operation that answers a list a page at a time, through an offset
/// and a limit query param: what a spec's top-level `paging` says.
/// Implemented by the `#[meeting_api]` attribute; the loop that pages is
/// [`Client::pages`] and [`Client::items`], written once for all of them.
pub trait Paged: Operation + Clone {
    /// One element of a page.
    type Item;
    /// The wire name of the offset param, for errors.
    const OFFSET: &'static str;

    /// The offset this request asks for, if it sets one (the server then
    /// starts at 0).
    fn offset(&self) -> Option<i64>;

    /// Asks for the items from `offset` on; `false`, leaving the request
    /// as it was, when the param's integer type cannot hold `offset`.
    fn set_offset(&mut self, offset: i64) -> bool;

    /// The most items a page may hold, if the request says.
    fn limit(&self) -> Option<i64>;

    /// A decoded answer's items and, when the body says, how many items
    /// all the pages hold.
    fn page(body: Self::Response) -> (Vec<Self::Item>, Option<i64>);
}

/// One page of a [`Client::pages`] stream.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Page<T> {
    /// The offset the page was asked for.
    pub offset: i64,
    /// Its items.
    pub items: Vec<T>,
    /// How many items all the pages hold, when the answer says.
    pub total: Option<i64>,
}

/// What sends each page's request: a [`Client`], or a session on top of
/// one that fills its tokens. [`pages`] pages through any of them.
pub trait Caller<O: Operation> {
    /// What a failed call gives.
    type Error: From<Failure>;

    /// Sends `request` and decodes the answer.
    fn call(&self, request: O) -> impl Future<Output = Result<Response<O::Response>, Self::Error>>;
}

impl<O: Operation> Caller<O> for Client {
    type Error = O::Error;

    fn call(&self, request: O) -> impl Future<Output = Result<Response<O::Response>, O::Error>> {
        self.send(request)
    }
}

/// What a stream does on its next poll.
enum Next<O, E> {
    /// Sends this request.
    Send(O),
    /// Yields this error, then ends.
    Fail(E),
    /// Ends.
    Done,
}

/// A stream's state between pages.
struct Cursor<O: Operation, C: Caller<O>> {
    caller: C,
    next: Next<O, C::Error>,
}

impl<O: Paged, C: Caller<O>> Cursor<O, C> {
    /// The next page, or error, with the state after it; `None` to end.
    async fn step(mut self) -> Option<(Result<Page<O::Item>, C::Error>, Self)> {
        let request = match std::mem::replace(&mut self.next, Next::Done) {
            Next::Done => return None,
            Next::Fail(error) => return Some((Err(error), self)),
            Next::Send(request) => request,
        };
        let offset = request.offset().unwrap_or_default();
        let response = match self.caller.call(request.clone()).await {
            Ok(response) => response,
            Err(error) => return Some((Err(error), self)),
        };
        let (items, total) = O::page(response.into_body());
        self.next = following(request, offset, items.len(), total);
        Some((Ok(Page { offset, items, total }), self))
    }
}

/// What comes after a page of `received` items asked for at `offset`:
/// nothing after an empty page, once `total` is reached, or (without a
/// total) after a page shorter than the limit asked for; else the request
/// for the items that follow, or an error when its offset does not fit
/// the param. Counted in `i128`, which no offset plus a length overflows.
fn following<O: Paged, E: From<Failure>>(
    mut request: O,
    offset: i64,
    received: usize,
    total: Option<i64>,
) -> Next<O, E> {
    let received = i128::try_from(received).unwrap_or(i128::MAX);
    let next = i128::from(offset).saturating_add(received);
    let short = || request.limit().is_some_and(|limit| received < i128::from(limit));
    let last = match total {
        Some(total) => next >= i128::from(total),
        None => short(),
    };
    if received == 0 || last {
        return Next::Done;
    }
    match i64::try_from(next) {
        Ok(next) if request.set_offset(next) => Next::Send(request),
        _ => {
            let invalid = InvalidRequest::PageOffset {
                param: O::OFFSET,
                offset: next,
            };
            Next::Fail(Failure::InvalidRequest(invalid).into())
        }
    }
}

impl Client {
    /// Sends `request`, then a request for each following page, and
    /// yields each page as it arrives.
    ///
    /// The first page starts at the request's offset (0 when it sets
    /// none, and then sent as 0), and each next one where the previous ended: its offset plus
    /// the items it held; the limit stays the request's. The stream ends
    /// after an empty page, after the page that reaches the total when
    /// the answer gives one, or, when it gives none, after a page with
    /// fewer items than the limit (with no limit set, only an empty page
    /// ends it). An error (of any page) is yielded, and the stream ends
    /// after it. So does a next offset that the param's integer type
    /// cannot hold: the stream then yields
    /// [`InvalidRequest::PageOffset`] instead of sending a wrong request.
    /// A server that answers the same full page for every offset and no
    /// total is paged through without end: bound such a stream with
    /// `take`.
    ///
    /// Each page is one [`Client::send`], with its retries and its trace
    /// span.
    pub fn pages<O: Paged>(&self, request: O) -> impl Stream<Item = Result<Page<O::Item>, O::Error>> + use<O> {
        pages(self.clone(), request)
    }

    /// The items of every page of [`Client::pages`], one at a time, in
    /// order; an error is yielded after the items of the pages before it,
    /// and ends the stream.
    ///
    /// ```no_run
    /// # async fn run<O: meeting_api::Paged>(client: meeting_api::Client, request: O) -> Result<(), O::Error> {
    /// use futures_util::TryStreamExt;
    ///
    /// let mut items = std::pin::pin!(client.items(request));
    /// while let Some(item) = items.try_next().await? {
    ///     // ...
    /// #   drop(item);
    /// }
    /// # Ok(()) }
    /// ```
    pub fn items<O: Paged>(&self, request: O) -> impl Stream<Item = Result<O::Item, O::Error>> + use<O> {
        items(self.clone(), request)
    }
}

/// [`Client::pages`], with each page's request sent by `caller`.
pub fn pages<O: Paged, C: Caller<O>>(
    caller: C,
    mut request: O,
) -> impl Stream<Item = Result<Page<O::Item>, C::Error>> + use<O, C> {
    // Every page's request says where it starts, the first one too;
    // 0 fits every integer type.
    if request.offset().is_none() {
        request.set_offset(0);
    }
    let cursor = Cursor {
        caller,
        next: Next::Send(request),
    };
    futures_util::stream::unfold(cursor, Cursor::step)
}

/// [`Client::items`], with each page's request sent by `caller`.
pub fn items<O: Paged, C: Caller<O>>(
    caller: C,
    request: O,
) -> impl Stream<Item = Result<O::Item, C::Error>> + use<O, C> {
    pages(caller, request).flat_map(|page| {
        let (items, error) = match page {
            Ok(page) => (page.items, None),
            Err(error) => (Vec::new(), Some(error)),
        };
        futures_util::stream::iter(items.into_iter().map(Ok).chain(error.map(Err)))
    })
}

/// A param that can hold a page's offset or limit: a plain or optional
/// `i32` or `i64`. What generated `Paged` impls read and set their
/// fields through.
pub trait PageIndex {
    /// The value, when set.
    fn get(&self) -> Option<i64>;
    /// Sets the value; `false`, leaving it as it was, when it does not fit.
    fn set(&mut self, value: i64) -> bool;
}

impl PageIndex for i64 {
    fn get(&self) -> Option<i64> {
        Some(*self)
    }

    fn set(&mut self, value: i64) -> bool {
        *self = value;
        true
    }
}

impl PageIndex for i32 {
    fn get(&self) -> Option<i64> {
        Some(i64::from(*self))
    }

    fn set(&mut self, value: i64) -> bool {
        i32::try_from(value).map(|value| *self = value).is_ok()
    }
}

impl<T: PageIndex + Default> PageIndex for Option<T> {
    fn get(&self) -> Option<i64> {
        self.as_ref().and_then(T::get)
    }

    fn set(&mut self, value: i64) -> bool {
        let mut held = T::default();
        let fits = held.set(value);
        if fits {
            *self = Some(held);
        }
        fits
    }
}

#[cfg(test)]
mod tests {
    use super::PageIndex;

    #[test]
    fn an_offset_that_does_not_fit_leaves_the_param_as_it_was() {
        let mut narrow: Option<i32> = Some(5);
        assert!(!narrow.set(i64::from(i32::MAX) + 1));
        assert_eq!(narrow, Some(5));
        assert!(narrow.set(7));
        assert_eq!(narrow.get(), Some(7));
        let mut wide: i64 = 0;
        assert!(wide.set(i64::MAX));
        assert_eq!(PageIndex::get(&None::<i64>), None);
    }
}
